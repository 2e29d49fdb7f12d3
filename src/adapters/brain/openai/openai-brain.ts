import { createHash } from "node:crypto";
import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { CompletionUsage } from "openai/resources/completions";
import { chooseLanguage, detectLanguage } from "../../../core/language/detect-language.js";
import type { Brain, BrainDecision, BrainInput, TokenUsage } from "../../../core/ports/brain.js";
import { buildPrompt } from "./build-prompt.js";
import { callWithinBudget } from "./call-within-budget.js";
import { describeFailure, toModelFailure, UnusableAnswerError } from "./describe-failure.js";
import { toDecision } from "./to-decision.js";
import { TriageSchema } from "./triage-schema.js";

export interface OpenAiBrainDeps {
  /** Built with `maxRetries: 0`: retries happen here, inside the budget. */
  client: OpenAI;
  model: string;
  /** Budget for the whole call, retries and waits included: the customer is waiting. */
  timeoutMs: number;
  /** Retries of a 429, 5xx or dropped connection, each only if it fits in what is left. */
  maxRetries: number;
}

// Built once: converting the zod schema to strict JSON Schema is not free, and the same
// object every call keeps the schema bytes (part of the cached prefix) identical.
const RESPONSE_FORMAT = zodResponseFormat(TriageSchema, "triage");

/**
 * One Chat Completions call with a strict JSON Schema per inbound text. Any failure (timeout,
 * network, 429, 5xx, bad JSON, wrong shape, refusal) is thrown as a `ModelFailure` with its
 * cause: the guard answers with Baton's own brain, logs and counts it, and feeds the breaker.
 */
export function openAiBrain(deps: OpenAiBrainDeps): Brain {
  const { client, model, timeoutMs, maxRetries } = deps;

  async function ask(input: BrainInput): Promise<BrainDecision> {
    const { prefix, messages } = buildPrompt(input);
    const completion = await callWithinBudget(
      (signal, timeout) =>
        client.chat.completions.parse(
          {
            model,
            messages,
            response_format: RESPONSE_FORMAT,
            // Routes calls sharing the rules-and-facts prefix to the same cache. A hash, so the
            // key says nothing about the rooftop or the customer.
            prompt_cache_key: `baton-${hashPrefix(prefix)}`,
          },
          { signal, timeout, maxRetries: 0 },
        ),
      { budgetMs: timeoutMs, maxRetries },
    );
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new UnusableAnswerError("refusal");
    const decision = message?.parsed ? toDecision(message.parsed) : undefined;
    if (!decision) throw new UnusableAnswerError("empty_answer");
    const usage = toUsage(completion.usage);
    // What it answered in: the reply's own language, else the one it was asked to write in.
    const language = detectLanguage(decision.reply) ?? chooseLanguage(input.text, input.language);
    return { ...decision, source: "openai", language, ...(usage ? { usage } : {}) };
  }

  return {
    name: "openai",
    async decide(input) {
      const started = Date.now();
      try {
        return await ask(input);
      } catch (error) {
        throw toModelFailure(describeFailure(error, Date.now() - started >= timeoutMs));
      }
    },
  };
}

function toUsage(usage: CompletionUsage | undefined): TokenUsage | undefined {
  if (!usage) return undefined;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    ...(cached !== undefined ? { cachedInputTokens: cached } : {}),
  };
}

function hashPrefix(prefix: string): string {
  return createHash("sha256").update(prefix).digest("hex").slice(0, 16);
}
