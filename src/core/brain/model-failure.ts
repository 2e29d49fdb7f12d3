import { BatonError } from "../errors/baton-error.js";

/**
 * Why a model gave no usable answer. Adapters throw `ModelFailure`; the guard falls back to
 * Baton's own brain, logs the cause, counts it in /healthz and feeds the breaker.
 */
export const MODEL_FAILURE_CAUSES = [
  "timeout",
  "rate_limited",
  "server_error",
  "network",
  "api_error",
  "refusal",
  "invalid_output",
  "failed_verification",
  "unexpected",
] as const;
export type ModelFailureCause = (typeof MODEL_FAILURE_CAUSES)[number];

export class ModelFailure extends BatonError {
  constructor(
    readonly kind: ModelFailureCause,
    /** What may be logged: status, request id, the paths of fields a model got wrong. Never the customer's words. */
    readonly detail: Record<string, string | number | string[]> = {},
  ) {
    super("model_failed", `model failed: ${kind}`);
  }
}

/** Any error as a cause: an adapter's `ModelFailure` says; anything else is unexpected. */
export function causeOf(error: unknown): { cause: ModelFailureCause; detail: ModelFailure["detail"] } {
  return error instanceof ModelFailure
    ? { cause: error.kind, detail: error.detail }
    : { cause: "unexpected", detail: {} };
}
