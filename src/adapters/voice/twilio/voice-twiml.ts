// The SDK's TwiML builder alone, not the whole SDK (see verify-twilio-signature.ts).
import VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import type { Language } from "../../../core/language/detect-language.js";
import type { VoiceSettings } from "../../../core/ports/rooftops.js";

/** Where Twilio calls back: Baton's public URL, so each callback is signed over what Twilio requests. */
export interface VoiceUrls {
  dialEnded: string;
  voicemailDone: string;
  recording: string;
  transcription: string;
}

export function voiceUrls(publicUrl: string): VoiceUrls {
  const base = `${publicUrl.replace(/\/+$/, "")}/twilio/voice`;
  return {
    dialEnded: `${base}/dial-ended`,
    voicemailDone: `${base}/voicemail-done`,
    recording: `${base}/recording`,
    transcription: `${base}/transcription`,
  };
}

/** What the caller hears after a missed ring (or at a text-only number): a text is coming, or not. */
export interface MissedCallWords {
  storeName: string;
  /** true: the text-back is on its way. */
  texting: boolean;
  language?: Language;
  /** A voicemail is taken after the words. */
  voicemail: boolean;
  /** The store's number has no line to ring: this is the answer to the call itself. */
  textOnly: boolean;
}

/** A voice that speaks each language (Twilio's default voice with es-MX may fail to speak at all). */
const SAY: Record<Language, { language: "en-US" | "es-MX"; voice: "Polly.Joanna" | "Polly.Mia" }> = {
  en: { language: "en-US", voice: "Polly.Joanna" },
  es: { language: "es-MX", voice: "Polly.Mia" },
};

function words(w: MissedCallWords): string {
  if (w.language === "es") {
    const opening = w.textOnly ? `Gracias por llamar a ${w.storeName}.` : `Perdón, no pudimos contestar.`;
    const texting = w.texting ? " Le acabamos de enviar un mensaje de texto; puede respondernos por ahí." : "";
    const message = w.voicemail ? " Deje su mensaje después del tono." : "";
    return `${opening}${texting}${message}`;
  }
  const opening = w.textOnly ? `Thanks for calling ${w.storeName}.` : `Sorry we missed your call at ${w.storeName}.`;
  const texting = w.texting ? " We've just sent you a text message, and you can text us right back." : "";
  const message = w.voicemail ? " Please leave a message after the tone." : "";
  return `${opening}${texting}${message}`;
}

/**
 * The answer to a call: ring the store's line for `ringSeconds`, then Twilio posts how it went to
 * the dial's action. answerOnBridge keeps the caller hearing the ring until someone picks up. The
 * store's phone shows the caller's number; a withheld or malformed one is replaced by `callerId`
 * (the number called), since carriers may refuse a call that carries it (Twilio's 13214).
 */
export function ringStoreTwiml(
  voice: VoiceSettings & { forwardTo: string },
  urls: VoiceUrls,
  callerId?: string,
): string {
  const response = new VoiceResponse();
  const dial = response.dial({
    timeout: voice.ringSeconds,
    action: urls.dialEnded,
    method: "POST",
    answerOnBridge: true,
    ...(callerId ? { callerId } : {}),
  });
  dial.number(voice.forwardTo);
  return response.toString();
}

/** After a missed ring, or at a text-only number: the words, then a voicemail or the end of the call. */
export function missedCallTwiml(w: MissedCallWords, voice: VoiceSettings, urls: VoiceUrls): string {
  const response = new VoiceResponse();
  response.say(SAY[w.language ?? "en"], words(w));
  if (w.voicemail) {
    response.record({
      maxLength: 120,
      playBeep: true,
      trim: "trim-silence",
      // Without an action Twilio would request this same document again when the recording ends.
      action: urls.voicemailDone,
      method: "POST",
      recordingStatusCallback: urls.recording,
      recordingStatusCallbackMethod: "POST",
      recordingStatusCallbackEvent: ["completed"],
      ...(voice.voicemail === "transcribe" ? { transcribe: true, transcribeCallback: urls.transcription } : {}),
    });
  }
  response.hangup();
  return response.toString();
}

/** After the voicemail: thanks, and the end of the call. */
export function voicemailDoneTwiml(language?: Language): string {
  const response = new VoiceResponse();
  response.say(SAY[language ?? "en"], language === "es" ? "Gracias. Hasta luego." : "Thank you. Goodbye.");
  response.hangup();
  return response.toString();
}

/** Nothing more to say: the call ends (the store answered, or the caller is gone). */
export function hangUpTwiml(): string {
  return new VoiceResponse().toString();
}
