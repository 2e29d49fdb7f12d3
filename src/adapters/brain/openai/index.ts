import OpenAI from "openai";
import type { Brain } from "../../../core/ports/brain.js";
import { openAiBrain } from "./openai-brain.js";

export interface OpenAiBrainOptions {
  apiKey: string;
  /** e.g. "gpt-4.1-mini"; must support Structured Outputs (json_schema, strict). */
  model: string;
  /** An OpenAI-compatible endpoint. @default "https://api.openai.com/v1" */
  baseURL?: string;
  /** The longest the customer waits on OpenAI, retries and Retry-After waits included. @default 8000 */
  timeoutMs?: number;
  /** Retries of a 429, 5xx or dropped connection, each only if it fits in `timeoutMs`. @default 1 */
  maxRetries?: number;
}

/** The brain that asks OpenAI once per inbound text; it throws `ModelFailure` when it cannot answer. */
export function createOpenAiBrain(options: OpenAiBrainOptions): Brain {
  const timeoutMs = options.timeoutMs ?? 8000;
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Explicit, so only Baton's config says where customer texts go, not the SDK reading the environment.
    baseURL: options.baseURL ?? "https://api.openai.com/v1",
    timeout: timeoutMs,
    // Off: the SDK's retry sleeps past any deadline; call-within-budget.ts retries inside it.
    maxRetries: 0,
    // The SDK's debug logs print request bodies, i.e. customer texts; the guard logs failures.
    logLevel: "off",
  });
  return openAiBrain({ client, model: options.model, timeoutMs, maxRetries: options.maxRetries ?? 1 });
}
