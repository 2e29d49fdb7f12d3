import { measureSms } from "../../../core/compliance/sms-segments.js";
import { plainLower } from "../../../core/language/plain-lower.js";
import type { HistoryEntry } from "../../../core/ports/brain.js";

/**
 * Some asks need a person to look something up that Baton cannot see (parts stock, the shop's
 * progress). Rather than promise a person nobody told, the assistant offers one; a "yes" raises
 * the card. Every offer ends with this line, which is how the next turn recognises it.
 */
export const OFFER_LINE = { en: "Just reply yes.", es: "Solo responda sí." } as const;

/**
 * The offer with its closing line, the full wording when it fits two SMS segments, else the
 * short one: cut by the segment limit, an offer would lose the line that makes "yes" accept it.
 */
export function fitOffer(full: string, short: string, language: keyof typeof OFFER_LINE): string {
  const withLine = (question: string) => `${question} ${OFFER_LINE[language]}`;
  return measureSms(withLine(full)).segments <= 2 ? withLine(full) : withLine(short);
}

/** Read on plain letters ("Sí" → "si"), so an accent never hides a yes. */
const YES =
  /^(?:y|ya|yes+|yea+h?|yep|yup|sure|ok(?:ay)?|k|please|pls|yes please|please do|do it|go ahead|sounds good|that works|si+|claro|dale|por favor|si por favor|andale|perfecto|va)\b[\s!.,👍🙏]*(?:please|pls|thanks?|thank you|gracias|por favor)?[\s!.👍🙏]*$/;

/** The offer the assistant made in its last message, if the customer's text accepts it. */
export function acceptedOffer(text: string, history: HistoryEntry[]): string | undefined {
  const last = history.filter((h) => h.author !== "system").at(-1);
  if (!last || last.author !== "ai") return undefined;
  const offered = last.body.trim().endsWith(OFFER_LINE.en) || last.body.trim().endsWith(OFFER_LINE.es);
  return offered && YES.test(plainLower(text.trim())) ? last.body : undefined;
}
