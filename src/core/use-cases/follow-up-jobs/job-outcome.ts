import type { DoneOutcome } from "../../scheduling/job-runner.js";
import type { ScheduledSendResult } from "../../messaging/sms-gateway.js";

export const done = (result?: string): DoneOutcome => ({ kind: "done", result });

/** A deferred send comes back at its slot, holding it (see SendPacing). */
export function deferred<P extends { slotAt?: string }>(
  result: Extract<ScheduledSendResult, { outcome: "deferred" }>,
  payload: P,
): { kind: "defer"; until: Date; payload: P } {
  return { kind: "defer", until: result.until, payload: { ...payload, slotAt: result.until.toISOString() } };
}

export const slotOf = (payload: { slotAt?: string }): Date | undefined =>
  payload.slotAt !== undefined ? new Date(payload.slotAt) : undefined;
