/** A provider that carries SMS (Twilio, a compatible provider, the sandbox). */
export interface SmsSender {
  readonly name: string;
  send(message: OutboundSms): Promise<SentSms>;
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
