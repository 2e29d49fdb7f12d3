import type twilio from "twilio";
import type { OutboundSms, SentSms, SmsSender } from "../../../core/ports/sms.js";
import { mapTwilioStatus, toSmsSendError } from "./map-twilio-outcomes.js";

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
      // The same words and as many files (a picture-only text is not taken for another one); Twilio
      // may show a just-accepted MMS with no media yet, so 0 matches too.
      const files = message.mediaUrls?.length ?? 0;
      const media = (m: { numMedia?: string }) => Number(m.numMedia ?? 0);
      const match = recent.find((m) => m.body === message.body && (media(m) === files || media(m) === 0));
      return match ? { providerId: match.sid, status: mapTwilioStatus(match.status).status } : undefined;
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
        ...(message.mediaUrls?.length ? { mediaUrl: message.mediaUrls } : {}),
        ...(this.statusCallbackUrl ? { statusCallback: this.statusCallbackUrl } : {}),
      });
      return { providerId: sent.sid, status: mapTwilioStatus(sent.status).status };
    } catch (error) {
      throw toSmsSendError(error);
    }
  }
}
