import type { TurnDue } from "../ports/store.js";

/**
 * When a burst of customer texts is answered: once the customer has paused for `coalesceMs`
 * (REPLY_COALESCE_MS), all their waiting texts together, as one turn. 0: each text at once.
 */
export interface TurnTiming {
  coalesceMs: number;
}

/**
 * A customer who never pauses that long (a script texting every second) is answered anyway
 * after this many windows: the flood guard then sees the stream and stops it, and people are told.
 */
export const MAX_WAIT_WINDOWS = 10;

/** What makes a turn due now, for the store to check against the texts it holds. */
export function turnDue(timing: TurnTiming, now: Date): TurnDue {
  return {
    quietSince: new Date(now.getTime() - timing.coalesceMs),
    waitingSince: new Date(now.getTime() - timing.coalesceMs * MAX_WAIT_WINDOWS),
  };
}

/** When a turn whose customer is still typing becomes due, by the same rule. */
export function turnDueAt(timing: TurnTiming, waiting: { firstAt: Date; lastAt: Date }): Date {
  return new Date(
    Math.min(
      waiting.lastAt.getTime() + timing.coalesceMs,
      waiting.firstAt.getTime() + timing.coalesceMs * MAX_WAIT_WINDOWS,
    ),
  );
}
