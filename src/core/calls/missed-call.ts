import type { Conversation } from "../conversation/conversation.js";
import type { Language } from "../language/detect-language.js";
import type { MissedDial } from "../ports/calls.js";
import type { CardLeadSource } from "../ports/staff-chat.js";

/** Twilio's DialCallStatus values that mean nobody picked up (canceled: the caller hung up while it rang). */
const MISSED: ReadonlySet<string> = new Set(["no-answer", "busy", "failed", "canceled"]);

export const isMissedDial = (status: string): status is Exclude<MissedDial, "text_only"> => MISSED.has(status);

/** @default one text-back per caller per 24 hours */
export const DEFAULT_TEXTBACK_COOLDOWN_MS = 24 * 3600_000;

/**
 * What a missed call gets, before the cooldown: never a text to a number that opted out; the
 * people are told instead of the AI texting when a person owns the thread or is deciding whether
 * the customer still wants texts; otherwise the text-back.
 */
export function decideMissedCall(
  conversation: Pick<Conversation, "customer" | "status" | "handoffReason">,
): "text" | "opted_out" | "owner" {
  if (conversation.customer.optedOut) return "opted_out";
  if (conversation.status === "claimed") return "owner";
  if (conversation.status === "pending" && conversation.handoffReason === "may_opt_out") return "owner";
  return "text";
}

/**
 * The text-back, in the customer's language: the store's own words when its knowledge file has
 * them (`missedCallText` / `missedCallTextEs`, `{store}` for its name), or Baton's.
 */
export function writeTextBack(input: {
  storeName: string;
  language?: Language;
  custom?: { en?: string; es?: string };
}): string {
  const es = input.language === "es";
  const own = es ? input.custom?.es : input.custom?.en;
  if (own) return own.replaceAll("{store}", input.storeName);
  return es
    ? `Perdón que no pudimos contestar su llamada, le escribe ${input.storeName}. ¿En qué le podemos ayudar? Puede escribirnos aquí mismo.`
    : `Sorry we missed your call, this is ${input.storeName}. How can we help? You can text us right here.`;
}

/** The card's "where this came from" block for a conversation a missed call opened. */
export function describeStartedByCall(at: Date): CardLeadSource {
  return {
    origin: "Missed call",
    contact: "Began with a call to the store that no one answered; Baton texted the caller back (see the messages).",
    receivedAt: at,
  };
}
