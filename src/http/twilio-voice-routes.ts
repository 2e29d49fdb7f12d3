import type { RequestHandler, Router } from "express";
import type { BatonCore } from "../core/baton-core.js";
import { isMissedDial } from "../core/calls/missed-call.js";
import { maskPhone } from "../core/compliance/mask-phone.js";
import { BatonError } from "../core/errors/baton-error.js";
import type { Language } from "../core/language/detect-language.js";
import type { VoiceSettings } from "../core/ports/rooftops.js";
import type { MissedCallReceipt } from "../core/use-cases/calls/missed-calls.js";
import {
  DialEndedParams,
  IncomingCallParams,
  RecordingParams,
  textableCaller,
  TranscriptionParams,
} from "../adapters/voice/twilio/parse-voice-webhook.js";
import {
  hangUpTwiml,
  missedCallTwiml,
  ringStoreTwiml,
  voicemailDoneTwiml,
  voiceUrls,
  type VoiceUrls,
} from "../adapters/voice/twilio/voice-twiml.js";
import { databaseAnswered } from "./database-outage.js";

export interface VoiceRouteDeps {
  core: Pick<BatonCore, "receiveMissedCall" | "receiveVoicemail" | "receiveTranscription">;
  /** The rooftop a call is for, by the number called: its name and its voice settings. */
  rooftopFor(to: string): { storeName: string; voice: VoiceSettings } | undefined;
}

/** A signed webhook's fields, or a 400 that names the field (nothing is stored). */
function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };
  },
  body: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const field = parsed.error.issues[0]?.path.join(".") || "body";
  throw new BatonError("bad_request", `Invalid ${what}: ${field}`, {
    log: { field, hint: `a signed Twilio ${what} with a missing or malformed field; nothing stored` },
  });
}

function rooftopOf(deps: VoiceRouteDeps, to: string) {
  const rooftop = deps.rooftopFor(to);
  if (!rooftop)
    throw new BatonError("unknown_number", "No dealership uses this number on this Baton", {
      log: {
        to: maskPhone(to),
        hint: "a call arrived for a number no rooftop is configured with; check TWILIO_PHONE_NUMBER / BATON_CONFIG",
      },
    });
  return rooftop;
}

const twiml = (res: Parameters<RequestHandler>[1], xml: string) => res.status(200).type("text/xml").send(xml);

/**
 * Stores the missed call (durable before Twilio gets its answer) and says what happens next: the
 * text is coming only when the core will send it. A withheld number is told to text us instead.
 */
async function missedCall(
  deps: VoiceRouteDeps,
  call: { CallSid: string; From: string; To: string },
  dialStatus: Parameters<BatonCore["receiveMissedCall"]>[0]["dialStatus"],
  urls: VoiceUrls,
  req: Parameters<RequestHandler>[0],
): Promise<string> {
  const { storeName, voice } = rooftopOf(deps, call.To);
  const textOnly = dialStatus === "text_only";
  const from = textableCaller(call.From);
  let receipt: MissedCallReceipt | undefined;
  if (from) {
    receipt = await deps.core.receiveMissedCall({ to: call.To, from, callSid: call.CallSid, dialStatus });
    databaseAnswered(req);
  }
  const language: Language | undefined = receipt?.accepted ? receipt.language : undefined;
  const texting = receipt?.accepted === true && receipt.action === "text";
  // A voicemail belongs to a conversation: a withheld number has none to hold it.
  const voicemail = voice.voicemail !== "off" && receipt?.accepted === true;
  const done = { ...urls, voicemailDone: language === "es" ? `${urls.voicemailDone}?lang=es` : urls.voicemailDone };
  return missedCallTwiml({ storeName, texting, language, voicemail, textOnly }, voice, done);
}

/**
 * POST /twilio/voice (a call to a rooftop's number), its dial's action, and the voicemail's
 * callbacks; each signed like the SMS webhook.
 */
export function mountVoiceRoutes(router: Router, verify: RequestHandler, deps: VoiceRouteDeps, publicUrl = ""): void {
  const urls = voiceUrls(publicUrl);

  router.post("/twilio/voice", verify, async (req, res) => {
    const call = parse(IncomingCallParams, req.body, "voice webhook");
    const { voice } = rooftopOf(deps, call.To);
    if (voice.forwardTo) {
      const callerId = textableCaller(call.From) ? undefined : call.To;
      return twiml(res, ringStoreTwiml({ ...voice, forwardTo: voice.forwardTo }, urls, callerId));
    }
    // A text-only number: nobody to ring, so the call is missed at once and the text goes now.
    twiml(res, await missedCall(deps, call, "text_only", urls, req));
  });

  router.post("/twilio/voice/dial-ended", verify, async (req, res) => {
    const call = parse(DialEndedParams, req.body, "dial action");
    if (!isMissedDial(call.DialCallStatus)) return twiml(res, hangUpTwiml());
    const xml = await missedCall(deps, call, call.DialCallStatus, urls, req);
    // canceled: the caller hung up while it rang; nothing is heard, but the text still goes.
    twiml(res, call.DialCallStatus === "canceled" ? hangUpTwiml() : xml);
  });

  router.post("/twilio/voice/voicemail-done", verify, (req, res) => {
    twiml(res, voicemailDoneTwiml(req.query.lang === "es" ? "es" : "en"));
  });

  router.post("/twilio/voice/recording", verify, async (req, res) => {
    const p = parse(RecordingParams, req.body, "recording callback");
    // An empty recording (the caller hung up at the beep) is nothing to listen to.
    if (p.RecordingStatus === "completed" && (p.RecordingDuration ?? 1) > 0) {
      await deps.core.receiveVoicemail({
        callSid: p.CallSid,
        url: `${p.RecordingUrl}.mp3`,
        seconds: p.RecordingDuration,
      });
      databaseAnswered(req);
    }
    res.status(204).end();
  });

  router.post("/twilio/voice/transcription", verify, async (req, res) => {
    const p = parse(TranscriptionParams, req.body, "transcription callback");
    if (p.TranscriptionStatus === "completed" && p.TranscriptionText.trim()) {
      await deps.core.receiveTranscription(p.CallSid, p.TranscriptionText);
      databaseAnswered(req);
    }
    res.status(204).end();
  });
}
