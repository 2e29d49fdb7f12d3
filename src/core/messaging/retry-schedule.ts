/**
 * When a text the provider keeps refusing (5xx, 429, no answer) is tried again: a provider
 * incident of a few minutes delays replies, it does not drop them. Spaced wider each time and
 * jittered, so a thousand texts that failed together do not all come back in the same second.
 */
export const RETRY_BACKOFF_MS = [30_000, 60_000, 2 * 60_000, 4 * 60_000];
/** After this long since the text was written, Baton stops trying and a person is told. */
export const RETRY_FOR_MS = 10 * 60_000;
/** ±20 % around each wait. */
const JITTER = 0.2;

/**
 * When to try retry number `retry` (1 = the first after the in-process tries), or undefined when
 * it would come after the deadline: give up then.
 */
export function nextRetryAt(
  retry: number,
  createdAt: Date,
  now: Date,
  random: () => number = Math.random,
): Date | undefined {
  const base = RETRY_BACKOFF_MS[retry - 1];
  if (base === undefined) return undefined;
  const wait = Math.round(base * (1 + JITTER * (2 * random() - 1)));
  const at = new Date(now.getTime() + wait);
  return at.getTime() - createdAt.getTime() > RETRY_FOR_MS ? undefined : at;
}
