import type { StoredMessage } from "../conversation/conversation.js";
import type { Language } from "../language/detect-language.js";
import type { BrainDecision, HandoffReason } from "../ports/brain.js";

/**
 * A turn of pictures without words. No brain sees a picture, so code decides: the customer's last
 * words say what the pictures are about (a trade-in, damage, a warning light), and when those words
 * needed a person, so do the pictures; otherwise the AI thanks them and asks what they are about.
 */
export const isPhotoOnly = (texts: StoredMessage[]): boolean =>
  texts.length > 0 && texts.every((t) => !t.body.trim() && t.numMedia > 0);

/** How far back the customer's words still speak for their pictures. */
export const WORDS_STILL_ABOUT_PHOTOS_MS = 60 * 60_000;

/**
 * The customer's last words before the pictures (their index in `earlier`): what the pictures are
 * about, when they came after `notBefore` (an hour ago, or the last hand back: older words were
 * answered already and must not raise their handoff again).
 */
export function wordsBeforePhotos(
  earlier: Array<{ author: string; body: string; createdAt: Date }>,
  notBefore: Date,
): { words: string; index: number } | undefined {
  for (let i = earlier.length - 1; i >= 0; i -= 1) {
    const entry = earlier[i]!;
    if (entry.createdAt.getTime() < notBefore.getTime()) return undefined;
    if (entry.author === "customer" && entry.body.trim()) return { words: entry.body, index: i };
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
 * What the words before the pictures already gave when they were answered: nothing to learn, flag,
 * summarise or withdraw again (an empty summary keeps the conversation's own).
 */
const ALREADY_READ = { lead: {}, frustration: 0, summary: "", revokesConsent: false } as const;

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
      ...ALREADY_READ,
    };
  return {
    ...decision,
    disposition: "follow_up",
    handoffReason: undefined,
    reply: thanks(photos, lang, false),
    reason: `The customer sent ${what} without words; asked what ${photos > 1 ? "they are" : "it is"} about`,
    ...ALREADY_READ,
  };
}
