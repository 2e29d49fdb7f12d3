import { z } from "zod";

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `a Twilio ${prefix}… id`);
/** A caller's number; withheld ones ("anonymous", "+266696687", "Restricted") are not E.164 and are not texted. */
const caller = z.string().max(64).default("");
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);

/** A call to a rooftop's number: Twilio's voice webhook (the fields Baton uses; the signature covers all). */
export const IncomingCallParams = z.object({
  CallSid: sid("CA"),
  From: caller,
  To: e164,
});

/** The <Dial>'s action: how ringing the store's line ended. */
export const DialEndedParams = IncomingCallParams.extend({
  DialCallStatus: z.enum(["completed", "answered", "busy", "no-answer", "failed", "canceled"]),
});

/** The voicemail's recording is ready (recordingStatusCallback). */
export const RecordingParams = z.object({
  CallSid: sid("CA"),
  RecordingSid: sid("RE"),
  RecordingUrl: z.url({ protocol: /^https?$/ }).max(2000),
  RecordingStatus: z.string().max(32),
  RecordingDuration: z.coerce.number().int().min(0).optional(),
});

/** Twilio's transcription of the voicemail (transcribeCallback). */
export const TranscriptionParams = z.object({
  CallSid: sid("CA"),
  TranscriptionStatus: z.string().max(32),
  TranscriptionText: z.string().max(10_000).default(""),
});

/** The caller's number when it can be texted back: E.164, not withheld. */
export function textableCaller(from: string): string | undefined {
  return e164.safeParse(from).success && from !== "+266696687" ? from : undefined;
}
