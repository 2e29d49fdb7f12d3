import type { JobOutcome } from "../../scheduling/job-runner.js";
import type { ScheduledSendResult } from "../../messaging/sms-gateway.js";

export const done = (result?: string): JobOutcome => ({ kind: "done", result });

/** A deferred send comes back at its slot, holding it (see SendPacing). */
export function deferred(
  result: Extract<ScheduledSendResult, { outcome: "deferred" }>,
  payload: Record<string, unknown>,
): JobOutcome {
  return { kind: "defer", until: result.until, payload: { ...payload, slotAt: result.until.toISOString() } };
}

export const slotOf = (payload: Record<string, unknown>): Date | undefined =>
  typeof payload.slotAt === "string" ? new Date(payload.slotAt) : undefined;
