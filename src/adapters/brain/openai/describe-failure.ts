import { BatonError } from "../../../core/errors/baton-error.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  ContentFilterFinishReasonError,
  LengthFinishReasonError,
} from "openai/error";
import { ZodError } from "zod";
import { ModelFailure, type ModelFailureCause } from "../../../core/brain/model-failure.js";

/** Why the model gave no usable answer, in the SDK's terms; `toModelFailure` says it in the core's. */
export type OpenAiFailureKind =
  | "timeout"
  | "network"
  | "rate_limited"
  | "server_error"
  | "api_error"
  | "malformed_json"
  | "schema_mismatch"
  | "refusal"
  | "truncated"
  | "content_filter"
  | "empty_answer"
  | "unexpected";

/** Thrown by the brain itself for answers that arrived but can't be used (refusal, blank reply). */
export class UnusableAnswerError extends BatonError {
  constructor(readonly kind: "refusal" | "empty_answer") {
    super("model_failed", `openai answer unusable: ${kind}`);
  }
}

/**
 * What may be logged about a failure. Deliberately no error message: API and parser messages
 * can quote the request or the model's output, and so the customer's words.
 */
export interface OpenAiFailure {
  kind: OpenAiFailureKind;
  status?: number;
  requestId?: string;
  /** Paths of the fields the model got wrong, for schema mismatches. */
  issues?: string[];
}

export function describeFailure(error: unknown, budgetSpent: boolean): OpenAiFailure {
  // Our own budget covers retries and waits too: the SDK reports it as a user abort, a wait as the signal's reason.
  if (budgetSpent || error instanceof APIUserAbortError) return { kind: "timeout" };
  // Subclasses before their parents: a timeout is a connection error, which is an APIError.
  if (error instanceof APIConnectionTimeoutError) return { kind: "timeout" };
  if (error instanceof APIConnectionError) return { kind: "network" };
  if (error instanceof APIError) {
    const status = error.status;
    const kind = status === 429 ? "rate_limited" : status !== undefined && status >= 500 ? "server_error" : "api_error";
    return {
      kind,
      ...(status !== undefined ? { status } : {}),
      ...(error.requestID ? { requestId: error.requestID } : {}),
    };
  }
  if (error instanceof LengthFinishReasonError) return { kind: "truncated" };
  if (error instanceof ContentFilterFinishReasonError) return { kind: "content_filter" };
  if (error instanceof ZodError) {
    return { kind: "schema_mismatch", issues: error.issues.map((issue) => issue.path.join(".") || "(root)") };
  }
  // The SDK's JSON.parse of the structured content, or of a garbled response body.
  if (error instanceof SyntaxError) return { kind: "malformed_json" };
  if (error instanceof UnusableAnswerError) return { kind: error.kind };
  return { kind: "unexpected" };
}

const CAUSES: Record<OpenAiFailureKind, ModelFailureCause> = {
  timeout: "timeout",
  network: "network",
  rate_limited: "rate_limited",
  server_error: "server_error",
  api_error: "api_error",
  refusal: "refusal",
  malformed_json: "invalid_output",
  schema_mismatch: "invalid_output",
  truncated: "invalid_output",
  content_filter: "invalid_output",
  empty_answer: "invalid_output",
  unexpected: "unexpected",
};

/** The core's failure, with what may be logged: the SDK's kind, status, request id, wrong fields. */
export function toModelFailure(failure: OpenAiFailure): ModelFailure {
  const { kind, ...rest } = failure;
  return new ModelFailure(CAUSES[kind], { kind, ...rest });
}
