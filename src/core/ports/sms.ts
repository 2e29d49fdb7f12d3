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
}

export interface SentSms {
  providerId: string;
  status: string;
}

/**
 * A send that did not succeed. `permanent`: retrying can never help. `uncertain`: no clear "no"
 * came back (a dropped connection, a timeout, a server error), so the provider may have accepted
 * it all the same: ask it (findSent) before sending again.
 */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly permanent: boolean,
    readonly uncertain = false,
  ) {
    super(message);
    this.name = "SmsSendError";
  }
}
