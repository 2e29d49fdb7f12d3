import type twilio from "twilio";
import { SmsSendError, type OutboundSms, type SentSms, type SmsSender } from "../../../core/ports/sms.js";

/**
 * Twilio error codes that no retry can fix: the recipient unsubscribed, the number is not a
 * valid or SMS-capable one, or the account may not send there.
 * @see https://www.twilio.com/docs/api/errors
 */
const PERMANENT_CODES = new Set([21211, 21408, 21610, 21612, 21614, 21606, 21659, 30003, 30004, 30005, 30006, 30007]);

interface RestError {
  status?: number;
  code?: number;
  message?: string;
}

export function toSmsSendError(error: unknown): SmsSendError {
  const e = (error ?? {}) as RestError;
  const code = e.code !== undefined ? String(e.code) : e.status !== undefined ? `http_${e.status}` : undefined;
  // 4xx other than 429 is our request being wrong; retrying sends the same wrong request.
  const permanent =
    (e.code !== undefined && PERMANENT_CODES.has(e.code)) ||
    (e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 429);
  // No answer at all (reset, timeout) or a server error: Twilio may have queued the message anyway.
  const uncertain = e.status === undefined || e.status >= 500;
  return new SmsSendError(e.message ?? String(error), code, permanent, uncertain);
}

/** Sends SMS through the real twilio client (redirected by TWILIO_API_URL when set). */
export class TwilioSmsSender implements SmsSender {
  readonly name = "twilio";

  constructor(
    private readonly client: twilio.Twilio,
    private readonly statusCallbackUrl?: string,
  ) {}

  async findSent(message: OutboundSms, since: Date): Promise<SentSms | undefined> {
    try {
      const recent = await this.client.messages.list({
        to: message.to,
        from: message.from,
        dateSentAfter: since,
        limit: 50,
      });
      const match = recent.find((m) => m.body === message.body);
      return match ? { providerId: match.sid, status: match.status } : undefined;
    } catch (error) {
      throw toSmsSendError(error);
    }
  }

  async send(message: OutboundSms): Promise<SentSms> {
    try {
      const sent = await this.client.messages.create({
        from: message.from,
        to: message.to,
        body: message.body,
        ...(this.statusCallbackUrl ? { statusCallback: this.statusCallbackUrl } : {}),
      });
      return { providerId: sent.sid, status: sent.status };
    } catch (error) {
      throw toSmsSendError(error);
    }
  }
}
