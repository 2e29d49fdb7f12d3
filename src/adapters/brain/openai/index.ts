import OpenAI from "openai";
import type { Brain } from "../../../core/ports/brain.js";
import { openAiBrain, type WarnLogger } from "./openai-brain.js";

export interface OpenAiBrainOptions {
  apiKey: string;
  /** e.g. "gpt-4.1-mini"; must support Structured Outputs (json_schema, strict). */
  model: string;
  /** An OpenAI-compatible endpoint. @default "https://api.openai.com/v1" */
  baseURL?: string;
  /** The longest the customer waits on OpenAI, retries included. @default 8000 */
  timeoutMs?: number;
  /** Retries of a 429, 5xx or dropped connection within `timeoutMs`. @default 1 */
  maxRetries?: number;
  /** Answers when OpenAI can't: typically the local brain. */
  fallback: Brain;
  /** Receives one warning per failed call (never the customer's text). @default console */
  logger?: WarnLogger;
}

/** The brain that asks OpenAI once per inbound text and falls back to `fallback` on failure. */
export function createOpenAiBrain(options: OpenAiBrainOptions): Brain {
  const timeoutMs = options.timeoutMs ?? 8000;
  const client = new OpenAI({
    apiKey: options.apiKey,
    // Explicit, so only Baton's config says where customer texts go, not the SDK reading the environment.
    baseURL: options.baseURL ?? "https://api.openai.com/v1",
    timeout: timeoutMs,
    maxRetries: options.maxRetries ?? 1,
    // The SDK's debug logs print request bodies, i.e. customer texts; this brain logs its own failures.
    logLevel: "off",
  });
  return openAiBrain({
    client,
    model: options.model,
    timeoutMs,
    fallback: options.fallback,
    logger: options.logger ?? { warn: (obj, msg) => console.warn(msg, obj) },
  });
}

export type { WarnLogger } from "./openai-brain.js";
