/**
 * Runs tasks one at a time per key (a conversation), many keys at once, so a customer's texts
 * are answered in the order they came. In memory only: the database remains the truth, and a
 * lost task is found again by crash recovery.
 *
 * Background tasks (`push`) run at most `maxBackground` at a time across keys: under a burst the
 * rest wait their turn here, so webhooks (one quick insert each) still find the event loop and
 * the database pool free enough to answer in milliseconds. A task a caller waits for (`run`: a
 * rep's click) never waits for a slot, only for its own conversation's earlier tasks.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  private backgroundRunning = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly onError: (error: unknown, key: string) => void,
    private readonly maxBackground = Number.POSITIVE_INFINITY,
  ) {}

  push(key: string, task: () => Promise<void>): void {
    this.enqueue(key, () => this.inSlot(() => (this.stopped ? Promise.resolve() : task())));
  }

  /** Like `push`, for a caller that waits for the result (and sees the error). */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.enqueue(key, () =>
        this.stopped
          ? Promise.resolve(reject(new Error("Baton is shutting down; try again")))
          : task().then(resolve, reject),
      ),
    );
  }

  /**
   * Shutdown: tasks not yet started never start (their work stays in the database, for another
   * replica or the next start); tasks in progress finish. A waiting caller is told it was not run.
   */
  stopStarting(): void {
    this.stopped = true;
  }

  /** Resolves when nothing is queued or running (shutdown, tests). */
  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(key: string, task: () => Promise<void>): void {
    this.running++;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous
      .then(task)
      .catch((error: unknown) => this.onError(error, key))
      .finally(() => {
        if (this.tails.get(key) === next) this.tails.delete(key);
        if (--this.running === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      });
    this.tails.set(key, next);
  }

  private async inSlot(task: () => Promise<void>): Promise<void> {
    if (this.backgroundRunning >= this.maxBackground)
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    else this.backgroundRunning++;
    try {
      await task();
    } finally {
      // The slot passes straight to the next waiter (first come, first served), else frees up.
      const next = this.slotWaiters.shift();
      if (next) next();
      else this.backgroundRunning--;
    }
  }
}
