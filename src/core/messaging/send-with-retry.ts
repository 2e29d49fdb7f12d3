import { SmsSendError, type OutboundSms, type SentSms, type SmsSender } from "../ports/sms.js";

/** Waits before the 2nd and 3rd attempt: carriers' and providers' hiccups pass in seconds. */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 4_000];

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A thrown value as a send failure; something we do not recognise may have gone out, so it is uncertain. */
export function asSmsSendError(error: unknown): SmsSendError {
  return error instanceof SmsSendError
    ? error
    : new SmsSendError(String((error as Error)?.message ?? error), "unknown", { permanent: false, uncertain: true });
}

export type SendAttempt =
  /** `foundAtProvider`: an earlier try had gone out after all; nothing was sent twice. */
  | { kind: "sent"; sent: SentSms; foundAtProvider: boolean }
  /** The provider said no (or nothing sent could have gone out): a clear failure. */
  | { kind: "failed"; failure: SmsSendError }
  /** It may have gone out and the provider cannot say now: never sent again until it can. */
  | { kind: "unknown"; failure: SmsSendError };

export interface SendWithRetryOptions {
  /** The earliest a copy of this text could have reached the provider (its row's time, a little before). */
  since: Date;
  /** An earlier try (another process, another tick) may have gone out: ask before the first send. */
  askFirst?: boolean;
  delaysMs?: number[];
  wait?: (ms: number) => Promise<void>;
  onRetry?: (attempt: number, error: SmsSendError) => void;
}

/**
 * Sends, retrying what can succeed later (5xx, 429, a dropped connection) with backoff, and
 * never what cannot (an unsubscribed or invalid number…). A failure that may hide a
 * success (no answer, a 5xx) is asked about at the provider before the next try, as crash
 * recovery does: a dropped connection must not text the customer twice.
 */
export async function sendWithRetry(
  sender: SmsSender,
  sms: OutboundSms,
  options: SendWithRetryOptions,
): Promise<SendAttempt> {
  const delays = options.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const wait = options.wait ?? sleep;
  let inDoubt = options.askFirst ?? false;
  let last: SmsSendError | undefined;
  for (let attempt = 0; ; attempt++) {
    if (inDoubt) {
      const asked = await askProvider(sender, sms, options.since, last);
      if (asked) return asked;
    }
    try {
      return { kind: "sent", sent: await sender.send(sms), foundAtProvider: false };
    } catch (error) {
      last = asSmsSendError(error);
      inDoubt = last.uncertain;
      const delay = delays[attempt];
      if (last.permanent || delay === undefined) break;
      options.onRetry?.(attempt + 1, last);
      await wait(delay);
    }
  }
  // The last try may have gone out all the same: a delivered text must not be called failed.
  if (inDoubt) {
    const asked = await askProvider(sender, sms, options.since, last);
    if (asked) return asked;
  }
  return { kind: "failed", failure: last! };
}

/**
 * Whether the provider already has this text: a SendAttempt when that settles it (found, or the
 * question itself failed), undefined when it has no record and a send may go ahead. A provider
 * that cannot be asked (no findSent) is trusted not to have it, as before.
 */
export async function askProvider(
  sender: SmsSender,
  sms: OutboundSms,
  since: Date,
  last?: SmsSendError,
): Promise<SendAttempt | undefined> {
  if (!sender.findSent) return undefined;
  try {
    const found = await sender.findSent(sms, since);
    return found ? { kind: "sent", sent: found, foundAtProvider: true } : undefined;
  } catch (error) {
    return { kind: "unknown", failure: last ?? asSmsSendError(error) };
  }
}
