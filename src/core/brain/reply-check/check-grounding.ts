import type { Knowledge } from "../../knowledge/knowledge.js";
import { plainLower } from "../../language/plain-lower.js";
import type { HistoryEntry } from "../../ports/brain.js";
import { PLAIN_WORDS } from "./plain-words.js";
import { splitSentences } from "./sensitive-sentences.js";
import { storeTextOf } from "./store-text.js";

/** What a model reply says that Baton cannot vouch for. Not a broken rule: Baton's own answer goes instead. */
export interface Ungrounded {
  kind: "unknown_words" | "booking_claim" | "future_claim";
  matched: string;
}

/** "don't", "isn't": contractions of words a reply may use. */
const CONTRACTED = new Set([
  "don",
  "doesn",
  "isn",
  "aren",
  "didn",
  "wasn",
  "weren",
  "haven",
  "hasn",
  "hadn",
  "can",
  "won",
  "wouldn",
  "couldn",
  "shouldn",
]);
const SMALL_NUMBERS = new Set(
  "zero one two three four five six seven eight nine ten eleven twelve uno una dos tres cuatro cinco seis siete ocho nueve diez once doce".split(
    " ",
  ),
);

function wordsOf(text: string): string[] {
  return plainLower(text).match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
}

function isKnown(word: string, known: Set<string>): boolean {
  if (known.has(word) || PLAIN_WORDS.has(word) || SMALL_NUMBERS.has(word)) return true;
  const [stem, tail] = word.split("'");
  return (
    tail !== undefined &&
    (known.has(stem!) || PLAIN_WORDS.has(stem!) || CONTRACTED.has(stem!)) &&
    ["s", "t", "ll", "re", "ve", "d", "m"].includes(tail)
  );
}

const DAY_OR_TIME =
  /\b(?:\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|noon|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|a las \d|manana|lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b/;
/** A day or time a reply may state: opening hours, when people are back, a time the team will confirm. */
const TIME_ALLOWED =
  /\b(?:open|opens|close|closes|closed|hours|until|till|back|confirm|confirms|pass|passing|send|note|request|requested|prefer|preferred|abre|abren|cierra|cierran|cerrado|cerrados|horario|hasta|vuelve|vuelven|regresa|confirmar|confirmara|confirmaran|atiende|atienden|solicitud|paso|pasamos|anoto|prefiere)\b|\d\s?(?:am|pm)\s?(?:to|-|–|a)\s?\d|\bde (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo) a\b/;
/** Who may be said to do something later: people, never "it", "you" or the store as a whole. */
const FUTURE = /\b([a-z]+)(?: will| won't|'ll| is going to| are going to| va a| van a)\b/g;
/** What a customer may be told they will do, and what the assistant may say it will do. */
const YOU_MAY =
  /\byou(?:'ll| will) (?:find|see|need|want|notice|get a text|be asked)\b|\bwe(?:'ll| will) (?:text|let you know|reach out|follow up|get back|be happy|be glad|pass|send|check)\b/;
const PEOPLE = new Set(
  "i team teammate person someone somebody they he she advisor manager specialist staff department sales service parts finance people member equipo persona alguien asesor asesora gerente ellos".split(
    " ",
  ),
);
const DEADLINE =
  /\bwithin (?:the |an |a |\d+ |one |two |a few )?(?:hour|hours|minutes?|days?)\b|\bin (?:\d+|a few|an|one|two|five|ten|fifteen|twenty|thirty) (?:minutes?|hours?|days?)\b|\bby (?:tomorrow|tonight|end of|next|noon|the end)\b|\ben (?:\d+|unos|unas) (?:minutos|horas|dias)\b/;

/**
 * Whether Baton can vouch for a model's reply: every word is the store's, the customer's or a
 * plain conversational one; no day or time is stated as settled (a booking only the team
 * confirms); nothing but a person is said to do something later, and with no deadline. What
 * fails is not necessarily wrong, only unverifiable: the customer gets Baton's own answer.
 */
export function findUngrounded(
  reply: string,
  input: { text: string; history?: HistoryEntry[]; knowledge: Knowledge; staff?: string[] },
): Ungrounded[] {
  const store = storeTextOf(input.knowledge);
  const known = new Set(store.words);
  for (const w of wordsOf(input.text)) known.add(w);
  for (const entry of input.history ?? [])
    if (entry.author === "customer") for (const w of wordsOf(entry.body)) known.add(w);
  const people = new Set([...PEOPLE, ...input.knowledge.staff.flatMap((s) => wordsOf(s.name))]);
  // "within 30 days" is the store's own return policy, not a deadline the model made up.
  const storeText = store.plain;

  const out: Ungrounded[] = [];
  const unknown = [...new Set(wordsOf(reply).filter((w) => !isKnown(w, known)))];
  if (unknown.length) out.push({ kind: "unknown_words", matched: unknown.slice(0, 5).join(", ") });
  for (const sentence of splitSentences(plainLower(reply))) {
    const asks = sentence.includes("?") || sentence.startsWith("¿");
    if (!asks && DAY_OR_TIME.test(sentence) && !TIME_ALLOWED.test(sentence))
      out.push({ kind: "booking_claim", matched: sentence });
    const deadline = DEADLINE.exec(sentence);
    if (deadline && !storeText.includes(deadline[0])) out.push({ kind: "future_claim", matched: deadline[0] });
    for (const m of sentence.matchAll(FUTURE)) {
      if (asks || people.has(m[1]!) || YOU_MAY.test(sentence.slice(m.index!))) continue;
      out.push({ kind: "future_claim", matched: m[0] });
    }
  }
  return out;
}
