import { createLocalBrain } from "../adapters/brain/local/index.js";
import type { OpenAiConfig } from "../config/config.js";
import { guardBrain } from "../core/brain/guardrails.js";
import { DEFAULT_BREAKER, ModelHealth } from "../core/brain/model-health.js";
import type { Brain } from "../core/ports/brain.js";
import type { Logger } from "../core/ports/logger.js";
import type { TextJudge } from "../core/ports/text-judge.js";
import { loadNgramJudge } from "../adapters/judge/ngram/index.js";

/** The guarded brain, and how its model is doing when there is one (for /healthz and the managers). */
export interface GuardedBrain extends Brain {
  readonly health?: ModelHealth;
}

/** A little over the model's own budget: the guard's timeout is only a backstop for an adapter that ignores it. */
const BACKSTOP_MS = 500;

/**
 * The brain every path uses (live texts, npm run triage, npm run eval): the local brain alone,
 * or OpenAI with the local brain as the floor under it (it reads every text, its handoffs stand,
 * it answers when the model cannot), always inside the same code guardrails.
 */
export async function createBrain(
  openai: OpenAiConfig | undefined,
  logger: Logger,
  judge: TextJudge = loadNgramJudge(),
): Promise<GuardedBrain> {
  const local = createLocalBrain(judge);
  if (!openai) return guardBrain(local);
  const breaker = {
    failuresToOpen: openai.breakerFailures ?? DEFAULT_BREAKER.failuresToOpen,
    coolDownMs: openai.breakerCoolDownMs ?? DEFAULT_BREAKER.coolDownMs,
  };
  const health = new ModelHealth(openai.model, breaker, () => new Date());
  // The OpenAI SDK is loaded only when a model is configured: a store on the local brain does not carry it.
  const { createOpenAiBrain } = await import("../adapters/brain/openai/index.js");
  const model = createOpenAiBrain(openai);
  const guarded = guardBrain(model, { floor: local, health, logger, timeoutMs: openai.timeoutMs + BACKSTOP_MS });
  return { ...guarded, health };
}
