import type { StoredMessage } from "../conversation/conversation.js";
import type { Language } from "../language/detect-language.js";
import type { BrainDecision, HandoffReason, HistoryEntry } from "../ports/brain.js";

/**
 * A turn of pictures without words. No brain sees a picture, so code decides: the customer's last
 * words say what the pictures are about (a trade-in, damage, a warning light), and when those words
 * needed a person, so do the pictures; otherwise the AI thanks them and asks what they are about.
 */
export const isPhotoOnly = (texts: StoredMessage[]): boolean =>
  texts.length > 0 && texts.every((t) => !t.body.trim() && t.numMedia > 0);

/** The customer's last words before the pictures, with what came before them: what the pictures are about. */
export function wordsBeforePhotos(history: HistoryEntry[]): { words: string; before: HistoryEntry[] } | undefined {
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const entry = history[i]!;
    if (entry.author === "customer" && entry.body.trim()) {
      return { words: entry.body, before: history.slice(0, i) };
    }
  }
  return undefined;
}

/** Handoffs a picture can serve: not the ones about Baton itself (a paused model, a held reply, consent). */
const ABOUT_THE_PICTURES = new Set<HandoffReason>([
  "price",
  "trade_in",
  "financing",
  "complaint",
  "asked_for_person",
  "cannot_answer",
  "follow_through",
  "new_lead",
]);

function thanks(count: number, language: Language | undefined, handingOff: boolean): string {
  const many = count > 1;
  if (language === "es")
    return handingOff
      ? `¡Gracias por ${many ? "las fotos" : "la foto"}! ${many ? "Se las" : "Se la"} pasé a nuestro equipo; una persona le escribe por aquí en breve.`
      : `¡Gracias por ${many ? "las fotos" : "la foto"}! ¿En qué le podemos ayudar? Cuénteme un poco (una unidad a cuenta, una reparación, una pieza…) y le comunico con la persona indicada.`;
  return handingOff
    ? `Thanks for the ${many ? "photos" : "photo"}! I've passed ${many ? "them" : "it"} to our team, and a person will text you here shortly.`
    : `Thanks for the ${many ? "photos" : "photo"}! What can we help you with? Tell me a little about ${many ? "them" : "it"} (a trade-in, a repair, a part you need…) and I'll get you to the right person.`;
}

/**
 * The decision for a photo-only turn, from the brain's reading of the customer's words before it
 * (`readWords`: false when there were none, and the brain read only that photos came): a handoff
 * those words called for stands, with a thank-you saying a person will follow; anything else is a
 * thank-you and a question, learning nothing new.
 */
export function decideForPhotos(
  decision: BrainDecision,
  readWords: boolean,
  photos: number,
  language: Language | undefined,
): BrainDecision {
  const lang = decision.language ?? language;
  const what = photos > 1 ? `${photos} photos` : "a photo";
  const needsPerson =
    readWords &&
    decision.disposition === "handoff" &&
    !!decision.handoffReason &&
    ABOUT_THE_PICTURES.has(decision.handoffReason);
  if (needsPerson)
    return {
      ...decision,
      reply: thanks(photos, lang, true),
      reason: `The customer sent ${what} after: ${decision.reason}`,
      lead: {},
      frustration: 0,
    };
  return {
    ...decision,
    disposition: "follow_up",
    handoffReason: undefined,
    reply: thanks(photos, lang, false),
    reason: `The customer sent ${what} without words; asked what ${photos > 1 ? "they are" : "it is"} about`,
    lead: {},
    frustration: 0,
  };
}
