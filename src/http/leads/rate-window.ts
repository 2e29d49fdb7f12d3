/**
 * At most `limit` requests per key in each fixed window. In memory, per replica: enough to stop
 * one source flooding a public endpoint (each lead may cost an SMS), not an exact global count.
 */
export class RateWindow {
  private window = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts one request; the seconds to wait when over the limit, else undefined. */
  take(key: string): number | undefined {
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count > this.limit ? Math.ceil(((window + 1) * this.windowMs - now) / 1000) : undefined;
  }
}
