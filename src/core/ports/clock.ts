/** Time, injected so tests, quiet hours and the scheduler can run on a controlled clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
