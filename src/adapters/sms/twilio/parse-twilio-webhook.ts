import { z } from "zod";
import type { DeliveryStatusReport } from "../../../core/use-cases/record-delivery-status.js";
import { mapTwilioStatus, twilioFailureReasonOf } from "./map-twilio-outcomes.js";

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);

/** The inbound SMS fields Baton uses; Twilio sends many more, all covered by the signature. */
export const InboundSmsParams = z.object({
  MessageSid: z.string().min(10),
  From: e164,
  To: e164,
  // NUL cannot be stored in PostgreSQL text; left in, the text would fail on every retry and be lost.
  Body: z
    .string()
    .max(5000)
    .default("")
    .transform((body) => body.replace(/\u0000/g, "")),
  NumMedia: z.coerce.number().int().min(0).default(0),
});

/**
 * An MMS's files as Twilio lists them: MediaUrl0…MediaUrl9 with MediaContentType0…9. Only where
 * they are: which URLs Baton will fetch is the media source's rule, not the webhook's.
 */
export function mediaOfWebhook(
  params: Record<string, unknown>,
  numMedia: number,
): { url: string; contentType?: string }[] {
  const media = [];
  // Twilio sends at most 10; more would be a forged field, and is not followed.
  for (let i = 0; i < Math.min(numMedia, 10); i += 1) {
    const url = params[`MediaUrl${i}`];
    const type = params[`MediaContentType${i}`];
    if (typeof url !== "string" || !url) continue;
    media.push({
      url: url.slice(0, 2000),
      ...(typeof type === "string" && type ? { contentType: type.slice(0, 200) } : {}),
    });
  }
  return media;
}

export const StatusCallbackParams = z.object({
  MessageSid: z.string().min(10),
  MessageStatus: z.string().min(1),
  ErrorCode: z.string().optional(),
  ErrorMessage: z.string().optional(),
});

/**
 * A status callback as Baton's delivery report: Twilio's status word and error code mapped to
 * Baton's (the code is kept, for the thread and the row). `unknownStatus`: Twilio's word, when
 * Baton does not know it (recorded as "unknown"), for a log line.
 */
export function toDeliveryStatusReport(params: z.output<typeof StatusCallbackParams>): {
  report: DeliveryStatusReport;
  unknownStatus?: string;
} {
  const { status, known } = mapTwilioStatus(params.MessageStatus);
  return {
    report: {
      providerId: params.MessageSid,
      status,
      ...(params.ErrorCode ? { reason: twilioFailureReasonOf(params.ErrorCode), errorCode: params.ErrorCode } : {}),
      ...(params.ErrorMessage ? { errorMessage: params.ErrorMessage } : {}),
    },
    ...(known ? {} : { unknownStatus: params.MessageStatus }),
  };
}
