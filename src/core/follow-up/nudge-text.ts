import { measureSms } from "../compliance/sms-segments.js";
import { greeting, type LeadContext } from "./describe-lead.js";

/** The last question in the AI's reply: what the customer was asked and did not answer. */
export function findQuestion(reply: string): string | undefined {
  const sentences = reply.match(/[^.!?\n]+[?]+/g);
  const last = sentences?.at(-1)?.trim();
  return last && last.length <= 160 && !COURTESY.test(last) ? last : undefined;
}

/**
 * "Anything else I can help with?", "¿Le puedo ayudar en algo más?": a courtesy that closes an
 * answer, not a question the customer owes an answer to. Chasing it would nag a customer who is done.
 */
const COURTESY =
  /\b(?:anything else|something else|any other questions?|anything more|algo m[aá]s|otra cosa|alguna otra)\b/i;

export interface NudgeInput {
  /** 1-based: which nudge of this silence. */
  attempt: number;
  /** How many this silence gets at most (the last one closes the loop). */
  total: number;
  question?: string;
  context: LeadContext;
  dealershipName: string;
  /** Bodies already sent in this conversation: a nudge never repeats one. */
  alreadySent: ReadonlySet<string>;
}

type Variant = (i: NudgeInput) => string;

const about = (i: NudgeInput) => (i.context.subject ? ` about ${i.context.subject}` : "");
const ask = (i: NudgeInput, fallback: string) => i.question ?? fallback;

/** First nudge: the question again, lightly. */
const FIRST: Variant[] = [
  (i) => `${greeting(i.context)}just checking back${about(i)}. ${ask(i, "Anything I can help with?")}`,
  (i) => `${greeting(i.context)}no rush at all. ${ask(i, "Is there anything you'd like to know?")}`,
  (i) => `${greeting(i.context)}following up${about(i)} from ${i.dealershipName}. ${ask(i, "How can we help?")}`,
];
/** Middle nudge: offer a next step instead of repeating the question. */
const MIDDLE: Variant[] = [
  (i) =>
    `${greeting(i.context)}still happy to help${about(i)}${i.context.timing ? ` for ${i.context.timing}` : ""}. ${ask(i, "Would a quick call or a visit be easier?")}`,
  (i) =>
    `${greeting(i.context)}if texting is easier later, that's fine too. ${ask(i, "Want me to set up a time that suits you?")}`,
  (i) => `${greeting(i.context)}${i.dealershipName} here again${about(i)}. Just reply when it suits you.`,
];
/** The same three families in Spanish (usted), short enough for two UCS-2 segments with a question. */
const sobre = (i: NudgeInput) => (i.context.subject ? ` sobre ${i.context.subject}` : "");
const FIRST_ES: Variant[] = [
  (i) => `${greeting(i.context)}solo quería darle seguimiento${sobre(i)}. ${ask(i, "¿Le puedo ayudar en algo?")}`,
  (i) => `${greeting(i.context)}sin prisa. ${ask(i, "¿Hay algo que le gustaría saber?")}`,
  (i) =>
    `${greeting(i.context)}le damos seguimiento${sobre(i)} desde ${i.dealershipName}. ${ask(i, "¿En qué le podemos ayudar?")}`,
];
const MIDDLE_ES: Variant[] = [
  (i) =>
    `${greeting(i.context)}con gusto le seguimos ayudando${sobre(i)}${i.context.timing ? ` para ${i.context.timing}` : ""}. ${ask(i, "¿Le sería más fácil una llamada o una visita?")}`,
  (i) =>
    `${greeting(i.context)}si le queda mejor escribir más tarde, no hay problema. ${ask(i, "¿Quiere que busquemos un horario que le convenga?")}`,
  (i) => `${greeting(i.context)}le saluda de nuevo ${i.dealershipName}${sobre(i)}. Responda cuando guste.`,
];
const LAST_ES: Variant[] = [
  (i) =>
    `${greeting(i.context)}lo dejamos aquí por ahora${sobre(i)}. Cuando guste, responda y seguimos. Responda STOP para cancelar.`,
  (i) =>
    `${greeting(i.context)}este es nuestro último mensaje${sobre(i)}. Escríbanos cuando guste. Responda STOP para cancelar.`,
  (i) =>
    `${greeting(i.context)}ya no le insistiremos. Si aún necesita ayuda${sobre(i)}, solo responda. Responda STOP para cancelar.`,
];

/** Last nudge: close the loop politely and say how to stop (CTIA: opt-out instructions). */
const LAST: Variant[] = [
  (i) =>
    `${greeting(i.context)}I'll leave it here for now${about(i)}. Whenever you're ready, reply and we'll pick up where we left off. Reply STOP to opt out.`,
  (i) =>
    `${greeting(i.context)}this is our last check-in${about(i)}. Reply any time and ${i.dealershipName} will be glad to help. Reply STOP to opt out.`,
  (i) =>
    `${greeting(i.context)}we won't keep nudging. If you'd still like help${about(i)}, just reply. Reply STOP to opt out.`,
];

/**
 * A nudge written for where the conversation stands: the open question, the name and the
 * vehicle when known, softer each time, never a text this customer already got, and in the
 * conversation's language (the context's).
 */
export function writeNudge(input: NudgeInput): string {
  // Two SMS segments at most: the full nudge if it fits, else one without the vehicle, the time
  // and a long question (Spanish accents leave 134 characters for two segments).
  const slim: NudgeInput = {
    ...input,
    question: undefined,
    context: { ...input.context, subject: undefined, timing: undefined },
  };
  for (const attempt of [input, slim]) {
    const body = chooseNudge(attempt, (text) => measureSms(text).segments <= 2);
    if (body) return body;
  }
  return chooseNudge(input, () => true)!;
}

/** The first fresh variant (or signed variant) that `fits`; numbered when every one was sent. */
function chooseNudge(input: NudgeInput, fits: (text: string) => boolean): string | undefined {
  const es = input.context.language === "es";
  const [first, middle, last] = es ? [FIRST_ES, MIDDLE_ES, LAST_ES] : [FIRST, MIDDLE, LAST];
  const family = input.attempt >= input.total ? last : input.attempt === 1 ? first : middle;
  // The last nudge always says how to stop (CTIA): it never borrows an earlier family's wording.
  const pool = family === last ? last : [...family, ...first, ...middle, ...last];
  const bodies = pool.map((variant) => variant(input).replace(/\s+/g, " ").trim());
  // A long relationship can use the variants up; signed variants keep every text new.
  const signatures = es
    ? ["", ` – ${input.dealershipName}`, ` ¡Gracias! – ${input.dealershipName}`, ` Saludos, ${input.dealershipName}`]
    : ["", ` – ${input.dealershipName}`, ` Thanks! – ${input.dealershipName}`, ` Talk soon, ${input.dealershipName}`];
  for (const signature of signatures) {
    const fresh = bodies.find((body) => !input.alreadySent.has(body + signature) && fits(body + signature));
    if (fresh) return fresh + signature;
  }
  for (let n = 2; n < 100; n++) {
    const numbered = `${bodies[0]} (${n})`;
    if (!input.alreadySent.has(numbered) && fits(numbered)) return numbered;
  }
  return undefined;
}
