/**
 * A group commit for one kind of small statement (a write, or a read by key). Calls made while
 * the event loop turns once go together; while one statement of this kind is on its way, the
 * next calls wait for it and then go together as the next statement. So alone a call waits for
 * nothing but the end of the turn, and under load the statements grow instead of multiplying:
 * a socket write and a round trip each cost the same for one row as for fifty. Each caller's
 * promise settles with that statement and its own result (a caller still returns only once its
 * own row is written). A statement out longer than `patienceMs` (a lock wait, a stalled
 * connection) stops holding the others back: the next one goes without it.
 */
export class StatementBatch<T, R = void> {
  private pending: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  /** When each statement on its way was sent (an object each, so two sent in one ms stay two). */
  private readonly out = new Set<{ sentAt: number }>();
  private retry?: NodeJS.Timeout;

  constructor(
    /** Runs the statement for these items; returns one result per item, in order (nothing when there is nothing to say). */
    private readonly run: (items: T[]) => Promise<R[] | void>,
    /** A statement's rows at most: a longer queue is sent as several. */
    private readonly maxRows = 200,
    /** Statements of this kind on their way at once; more calls wait and join the next. */
    private readonly maxInFlight = 1,
    private readonly patienceMs = 1_000,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Statements out, not counting those out longer than the patience. */
  private busy(): boolean {
    const now = performance.now();
    let waiting = 0;
    for (const statement of this.out) if (now - statement.sentAt < this.patienceMs) waiting += 1;
    return waiting >= this.maxInFlight;
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    if (this.busy()) {
      // Looked at again when a statement comes back, or when the patience runs out.
      this.retry ??= setTimeout(() => {
        this.retry = undefined;
        this.schedule();
      }, this.patienceMs);
      return;
    }
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.busy()) return this.schedule();
    const batch = this.pending.splice(0, this.maxRows);
    if (batch.length === 0) return;
    const statement = { sentAt: performance.now() };
    this.out.add(statement);
    void this.send(batch).finally(() => {
      this.out.delete(statement);
      this.schedule();
    });
    this.schedule();
  }

  private async send(batch: typeof this.pending): Promise<void> {
    try {
      const results = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results?.[i] as R));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // One bad row must not fail its neighbours: each is sent again on its own.
      await Promise.all(
        batch.map((b) =>
          this.run([b.item]).then(
            (results) => b.resolve(results?.[0] as R),
            (own: unknown) => b.reject(own),
          ),
        ),
      );
    }
  }
}
