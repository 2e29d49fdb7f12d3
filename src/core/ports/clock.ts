/** Time, injected so tests, quiet hours and the scheduler can run on a controlled clock. */
export interface Clock {
  now(): Date;
  /**
   * Calls `wake` once this clock reads `at` or later; returns a function that cancels it. A clock
   * that moves only when told (tests) implements it; without it, a real timer measures the wait.
   */
  wakeAt?(at: Date, wake: () => void): () => void;
}

export const systemClock: Clock = { now: () => new Date() };
