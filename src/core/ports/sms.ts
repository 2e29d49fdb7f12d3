import { BatonError } from "../errors/baton-error.js";
import type { DeliveryStatus } from "../messaging/delivery-status.js";
import { isPermanentFailure, type SendFailureReason } from "../messaging/send-failure.js";

export type { DeliveryStatus } from "../messaging/delivery-status.js";
export type { SendFailureReason } from "../messaging/send-failure.js";

/** A provider that carries SMS (Twilio, a compatible provider, the sandbox). */
export interface SmsSender {
  readonly name: string;
  send(message: OutboundSms): Promise<SentSms>;
  /**
   * Looks for a message the provider already accepted (same from, to and body, sent since
   * `since`): after a crash mid-send, Baton asks before it sends again. Providers that cannot
   * answer leave it out, and such rows are shown to people instead of re-sent.
   */
  findSent?(message: OutboundSms, since: Date): Promise<SentSms | undefined>;
}

export interface OutboundSms {
  from: string;
  to: string;
  body: string;
  /** Files as links the provider fetches (an MMS): Baton's signed, expiring /media URLs. */
  mediaUrls?: string[];
}

export interface SentSms {
  providerId: string;
  status: DeliveryStatus;
}

export interface SmsSendErrorOptions {
  /** Retrying can never help. @default isPermanentFailure(reason) */
  permanent?: boolean;
  /** No clear "no" came back: the provider may have taken it. @default false */
  uncertain?: boolean;
  /** The provider's own code (Twilio's 21610, `http_503`…): for logs and the thread's "(error …)", never branched on. */
  providerCode?: string;
}

/**
 * A send that did not succeed, and why (`reason`, in Baton's words). `permanent`: retrying can
 * never help. `uncertain`: no clear "no" came back (a dropped connection, a timeout, a server
 * error), so the provider may have accepted it all the same: ask it (findSent) before sending again.
 */
export class SmsSendError extends BatonError {
  readonly permanent: boolean;
  readonly uncertain: boolean;
  readonly providerCode: string | undefined;

  constructor(
    message: string,
    readonly reason: SendFailureReason,
    options: SmsSendErrorOptions = {},
  ) {
    super("sms_send_failed", message);
    this.permanent = options.permanent ?? isPermanentFailure(reason);
    this.uncertain = options.uncertain ?? false;
    this.providerCode = options.providerCode;
  }
}
