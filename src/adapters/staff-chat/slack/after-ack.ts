import { setTimeout as sleep } from "node:timers/promises";

/**
 * The work Slack requests do once acknowledged, a few at a time, and only once the clicks have
 * paused. Node answers requests in the order their events come, so 100 clicks at once each doing
 * theirs (a Slack call, a claim, the card, the thread) kept the last clicks' acknowledgements
 * behind the others' work. Here a click's work waits until no click has been acknowledged for
 * `quietMs` (at most `maxWaitMs`), then runs with at most `limit` others: every acknowledgement
 * of a burst goes out first, and a steady stream of clicks still gets its work done. `idle`
 * says when every acknowledged click's work is done (tests; a graceful shutdown waits for it).
 */
export class AfterAck {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private lastAck = 0;
  /** Acknowledged clicks whose work is not done yet: waiting for a pause, for a slot, or running. */
  private unfinished = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly quietMs = 0,
    private readonly maxWaitMs = 0,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const acked = (this.lastAck = performance.now());
    this.unfinished++;
    try {
      await this.untilQuiet(acked);
      if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.running++;
      try {
        return await work();
      } finally {
        // The slot passes straight to the next in line (first come, first served), else frees up.
        const next = this.waiting.shift();
        if (next) next();
        else this.running--;
      }
    } finally {
      if (--this.unfinished === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves once no acknowledged click's work is waiting or running. */
  idle(): Promise<void> {
    return this.unfinished === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async untilQuiet(acked: number): Promise<void> {
    if (this.quietMs <= 0) return;
    for (;;) {
      const now = performance.now();
      if (now - this.lastAck >= this.quietMs || now - acked >= this.maxWaitMs) return;
      await sleep(Math.min(this.quietMs, this.maxWaitMs - (now - acked)));
    }
  }
}
