/**
 * How long a replica's hold on a text (or an interrupted send) lasts without news from it. Short,
 * because a replica that dies mid-answer leaves its texts waiting until the hold runs out; a live
 * replica renews it while it works (a heartbeat), however long the model takes.
 */
export const HANDLING_LEASE = { leaseMs: 15_000, renewEveryMs: 5_000 } as const;

export interface LeaseTiming {
  leaseMs: number;
  renewEveryMs: number;
}
