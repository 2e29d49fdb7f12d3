/**
 * Runs tasks one at a time per key (a conversation), any number of keys at once, so a
 * customer's texts are answered in the order they came. In memory only: the database
 * remains the truth, and a lost task is found again by crash recovery.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly onError: (error: unknown, key: string) => void) {}

  push(key: string, task: () => Promise<void>): void {
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

  /** Like `push`, for a caller that waits for the result (and sees the error). */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => this.push(key, () => task().then(resolve, reject)));
  }

  /** Resolves when nothing is queued or running (shutdown, tests). */
  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
