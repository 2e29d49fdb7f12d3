/**
 * A group commit for one kind of small statement (a write, or a read by key): every call made
 * while the event loop turns once is sent as one multi-row statement, and each caller's promise
 * settles with that statement and its own result (so a caller still returns only once its own
 * row is written). Under load many answers finish in the same turn, and a tick runs its due jobs
 * together: they share one round trip. Alone, a call waits for nothing but the end of the turn.
 */
export class StatementBatch<T, R = void> {
  private pending: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    /** Runs the statement for these items; returns one result per item, in order (nothing when there is nothing to say). */
    private readonly run: (items: T[]) => Promise<R[] | void>,
    /** A statement's rows at most: a longer queue is sent as several. */
    private readonly maxRows = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxRows) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxRows);
    if (this.pending.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length === 0) return;
    this.run(batch.map((b) => b.item)).then(
      (results) => batch.forEach((b, i) => b.resolve(results?.[i] as R)),
      (error: unknown) => {
        if (batch.length === 1) return batch[0]!.reject(error);
        // One bad row must not fail its neighbours: each is sent again on its own.
        for (const b of batch)
          this.run([b.item]).then(
            (results) => b.resolve(results?.[0] as R),
            (own: unknown) => b.reject(own),
          );
      },
    );
  }
}
