import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai/error";

/** A retry is not worth starting with less than this left: the customer would wait for nothing. */
const SHORTEST_ATTEMPT_MS = 1000;

/**
 * How long the provider asks us to wait before trying again (Retry-After, Retry-After-Ms, in
 * seconds or as a date), else a short backoff; undefined when retrying cannot help.
 */
export function retryDelayMs(error: unknown, attempt: number, now = Date.now()): number | undefined {
  if (error instanceof APIConnectionTimeoutError) return undefined;
  if (error instanceof APIConnectionError) return backoff(attempt);
  if (!(error instanceof APIError)) return undefined;
  const status = error.status ?? 0;
  const retryable =
    status === 408 ||
    status === 409 ||
    status === 429 ||
    status >= 500 ||
    error.headers?.get("x-should-retry") === "true";
  if (!retryable || error.headers?.get("x-should-retry") === "false") return undefined;
  const ms = Number(error.headers?.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0 && error.headers?.get("retry-after-ms")) return ms;
  const header = error.headers?.get("retry-after");
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return seconds * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return backoff(attempt);
}

function backoff(attempt: number): number {
  return Math.min(2000, 500 * 2 ** attempt);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}

/**
 * One time budget for the whole model call, retries and waits included. The SDK's own retries
 * are off (its sleep ignores the abort signal and honours any Retry-After, however long); here
 * a retry happens only if the provider's wait and a useful attempt both fit in what is left, so
 * a 429 with "Retry-After: 30" gives up at once instead of keeping the customer waiting, and
 * nothing is left to retry in the background after Baton has answered.
 */
export async function callWithinBudget<T>(
  attempt: (signal: AbortSignal, timeoutMs: number) => Promise<T>,
  options: { budgetMs: number; maxRetries: number; now?: () => number },
): Promise<T> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.budgetMs;
  const signal = AbortSignal.timeout(options.budgetMs);
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt(signal, Math.max(1, deadline - now()));
    } catch (error) {
      const wait = retryDelayMs(error, tries);
      if (signal.aborted || wait === undefined || tries >= options.maxRetries) throw error;
      if (now() + wait + SHORTEST_ATTEMPT_MS > deadline) throw error;
      await sleep(wait, signal);
    }
  }
}
