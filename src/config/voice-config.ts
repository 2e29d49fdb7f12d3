import { z } from "zod";
import type { VoiceSettings } from "../core/ports/rooftops.js";
import { ConfigError } from "./config-error.js";

const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);

const forwardTo = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, "the store's line in E.164, like +15125550199 (not the texting number itself)");
const ringSeconds = z.coerce
  .number()
  .int("a whole number of seconds")
  .min(5, "at least 5 seconds (a shorter ring never reaches anyone)")
  .max(60, "at most 60 seconds (callers hang up long before)");
const voicemail = z.enum(["off", "on", "transcribe"], {
  message: "off, on, or transcribe (on, with Twilio's transcription)",
});

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/** "24h", "90m", "2d", "3600s"; "0" turns the cooldown off. */
const cooldown = z
  .string()
  .trim()
  .regex(/^(0|\d+(s|m|h|d))$/, "a duration like 24h, 90m or 2d (0: no cooldown)")
  .transform((text) => (text === "0" ? 0 : Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1)]!))
  .refine((ms) => ms <= 30 * UNIT_MS.d!, "at most 30d");

/** Calls to the texting number, single rooftop (README: A call comes in). */
export const VoiceEnvSchema = {
  VOICE_FORWARD_TO: z.preprocess(blankIsUnset, forwardTo.optional()),
  VOICE_RING_SECONDS: z.preprocess(blankIsUnset, ringSeconds.default(20)),
  VOICE_TEXTBACK_COOLDOWN: z.preprocess(blankIsUnset, cooldown.default(UNIT_MS.d!)),
  VOICE_VOICEMAIL: z.preprocess(blankIsUnset, voicemail.default("off")),
};

/** BATON_CONFIG rooftops.<id>.voice: this store's line; unset keys use the environment's. */
export const RooftopVoiceSchema = z.object({
  forwardTo: forwardTo.optional(),
  ringSeconds: ringSeconds.optional(),
  voicemail: voicemail.optional(),
});

type VoiceEnv = {
  VOICE_FORWARD_TO?: string;
  VOICE_RING_SECONDS: number;
  VOICE_TEXTBACK_COOLDOWN: number;
  VOICE_VOICEMAIL: VoiceSettings["voicemail"];
};

/**
 * A rooftop's calls. Its line is its own: with BATON_CONFIG only `voice.forwardTo` rings a store
 * (VOICE_FORWARD_TO would ring one line for every store), and never the texting number itself
 * (Twilio would dial the number being called). Ring time and voicemail fall back to the environment.
 */
export function voiceSettings(
  env: VoiceEnv & { BATON_CONFIG?: string },
  rooftop: { id: string; smsNumber?: string },
  own?: z.infer<typeof RooftopVoiceSchema>,
): VoiceSettings {
  const multi = env.BATON_CONFIG !== undefined;
  if (multi && env.VOICE_FORWARD_TO)
    throw new ConfigError(
      "VOICE_FORWARD_TO: expected it unset with BATON_CONFIG (set voice.forwardTo per rooftop in that file)",
    );
  const forwardTo = multi ? own?.forwardTo : env.VOICE_FORWARD_TO;
  if (forwardTo && forwardTo === rooftop.smsNumber)
    throw new ConfigError(
      `${multi ? `BATON_CONFIG: rooftops.${rooftop.id}.voice.forwardTo` : "VOICE_FORWARD_TO"}: expected the store's own line, not the texting number customers call (Twilio would dial the number being called)`,
    );
  return {
    forwardTo,
    ringSeconds: own?.ringSeconds ?? env.VOICE_RING_SECONDS,
    voicemail: own?.voicemail ?? env.VOICE_VOICEMAIL,
    textBackCooldownMs: env.VOICE_TEXTBACK_COOLDOWN,
  };
}

/** A rooftop's voice settings; a rooftop built without them (tests) gets the defaults. */
export function voiceOf(rooftop: { voice?: VoiceSettings }): VoiceSettings {
  return rooftop.voice ?? { ringSeconds: 20, voicemail: "off", textBackCooldownMs: 24 * 3600_000 };
}
