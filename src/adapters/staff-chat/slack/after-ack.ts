/**
 * The work Slack requests do once acknowledged, a few at a time. Node answers requests in the
 * order their events come, so 100 clicks at once each doing theirs (a Slack call, a claim, the
 * card, the thread) kept the last clicks' acknowledgements behind all the others' work; with the
 * work queued here, each acknowledgement only waits for the few that are running.
 */
export class AfterAck {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
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
  }
}
