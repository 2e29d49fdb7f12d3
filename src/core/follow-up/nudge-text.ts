import { greeting, type LeadContext } from "./describe-lead.js";

/** The last question in the AI's reply: what the customer was asked and did not answer. */
export function findQuestion(reply: string): string | undefined {
  const sentences = reply.match(/[^.!?\n]+[?]+/g);
  const last = sentences?.at(-1)?.trim();
  return last && last.length <= 160 ? last : undefined;
}

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
  (i) => `${greeting(i.context)}still happy to help${about(i)}${i.context.timing ? ` for ${i.context.timing}` : ""}. ${ask(i, "Would a quick call or a visit be easier?")}`,
  (i) => `${greeting(i.context)}if texting is easier later, that's fine too. ${ask(i, "Want me to set up a time that suits you?")}`,
  (i) => `${greeting(i.context)}${i.dealershipName} here again${about(i)}. Just reply when it suits you.`,
];
/** Last nudge: close the loop politely and say how to stop (CTIA: opt-out instructions). */
const LAST: Variant[] = [
  (i) => `${greeting(i.context)}I'll leave it here for now${about(i)}. Whenever you're ready, reply and we'll pick up where we left off. Reply STOP to opt out.`,
  (i) => `${greeting(i.context)}this is our last check-in${about(i)}. Reply any time and ${i.dealershipName} will be glad to help. Reply STOP to opt out.`,
  (i) => `${greeting(i.context)}we won't keep nudging. If you'd still like help${about(i)}, just reply. Reply STOP to opt out.`,
];

/**
 * A nudge written for where the conversation stands: the open question, the name and the
 * vehicle when known, softer each time, and never a text this customer already got.
 */
export function writeNudge(input: NudgeInput): string {
  const family = input.attempt >= input.total ? LAST : input.attempt === 1 ? FIRST : MIDDLE;
  const bodies = [...family, ...FIRST, ...MIDDLE, ...LAST].map((variant) => variant(input).replace(/\s+/g, " ").trim());
  // A long relationship can use the variants up; signed variants keep every text new.
  const signatures = ["", ` – ${input.dealershipName}`, ` Thanks! – ${input.dealershipName}`, ` Talk soon, ${input.dealershipName}`];
  for (const signature of signatures) {
    const fresh = bodies.find((body) => !input.alreadySent.has(body + signature));
    if (fresh) return fresh + signature;
  }
  for (let n = 2; ; n++) {
    const numbered = `${bodies[0]} (${n})`;
    if (!input.alreadySent.has(numbered)) return numbered;
  }
}
