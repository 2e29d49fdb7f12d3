import { z } from "zod";

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

export const StatusCallbackParams = z.object({
  MessageSid: z.string().min(10),
  MessageStatus: z.string().min(1),
  ErrorCode: z.string().optional(),
  ErrorMessage: z.string().optional(),
});

const KNOWN_STATUSES = new Set([
  "accepted",
  "scheduled",
  "queued",
  "sending",
  "sent",
  "delivered",
  "undelivered",
  "failed",
  "read",
  "canceled",
  "receiving",
  "received",
]);

/** Maps Twilio's status to ours; an unknown word is kept but flagged so it can be logged. */
export function mapTwilioStatus(status: string): { status: string; known: boolean } {
  const lower = status.toLowerCase();
  return { status: lower, known: KNOWN_STATUSES.has(lower) };
}
