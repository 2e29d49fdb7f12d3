import type { HistoryEntry } from "../../../core/ports/brain.js";

/**
 * Some asks need a person to look something up that Baton cannot see (parts stock, the shop's
 * progress). Rather than promise a person nobody told, the assistant offers one; a "yes" raises
 * the card. Every offer ends with this line, which is how the next turn recognises it.
 */
export const OFFER_LINE = { en: "Just reply yes.", es: "Solo responda sí." } as const;

const YES = /^(?:y|ya|yes+|yea+h?|yep|yup|sure|ok(?:ay)?|k|please|pls|yes please|please do|do it|go ahead|sounds good|that works|si+|sí|claro|dale|por favor|sí por favor|si por favor|ándale|andale|perfecto|va)\b[\s!.👍🙏]*(?:please|pls|thanks?|thank you|gracias|por favor)?[\s!.👍🙏]*$/i;

/** The offer the assistant made in its last message, if the customer's text accepts it. */
export function acceptedOffer(text: string, history: HistoryEntry[]): string | undefined {
  const last = history.filter((h) => h.author !== "system").at(-1);
  if (!last || last.author !== "ai") return undefined;
  const offered = last.body.trim().endsWith(OFFER_LINE.en) || last.body.trim().endsWith(OFFER_LINE.es);
  return offered && YES.test(text.trim().normalize("NFC")) ? last.body : undefined;
}
