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

/** A send the provider refused; `permanent` says whether retrying can ever help. */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "SmsSendError";
  }
}
