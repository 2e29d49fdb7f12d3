import { SmsSendError, type SentSms } from "../ports/sms.js";

/** Waits before the 2nd and 3rd attempt: carriers' and providers' hiccups pass in seconds. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 4_000];

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function asSmsSendError(error: unknown): SmsSendError {
  return error instanceof SmsSendError ? error : new SmsSendError(String((error as Error)?.message ?? error), undefined, false);
}

/**
 * Sends, retrying what can succeed later (5xx, 429, a dropped connection) with backoff, and
 * never what cannot (21610 unsubscribed, 21211 invalid number…): those fail at once.
 */
export async function sendWithRetry(
  send: () => Promise<SentSms>,
  options: { delaysMs?: number[]; wait?: (ms: number) => Promise<void>; onRetry?: (attempt: number, error: SmsSendError) => void } = {},
): Promise<SentSms> {
  const delays = options.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const wait = options.wait ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const failure = asSmsSendError(error);
      const delay = delays[attempt];
      if (failure.permanent || delay === undefined) throw failure;
      options.onRetry?.(attempt + 1, failure);
      await wait(delay);
    }
  }
}
