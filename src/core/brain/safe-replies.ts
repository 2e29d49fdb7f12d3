import { describeReturn, type PersonReturn } from "../handoff/describe-return.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Language } from "../language/detect-language.js";
import type { Department, HandoffReason } from "../ports/brain.js";

/** What a safe reply needs to say honestly when a person will answer, and in which language. */
export interface SafeReplyContext {
  /** A person is already on the way: the reply says so rather than calling another. */
  handoffPending?: boolean;
  language?: Language;
  /** With these three, a handoff outside the department's hours says when people are back. */
  knowledge?: Knowledge;
  department?: Department;
  now?: Date;
}

type Line = (back: PersonReturn | undefined) => string;

/**
 * Replies that commit to nothing, for when code decides a person takes over. Inside the
 * department's hours a person answers "shortly"; outside them the reply says when. English
 * stays plain GSM-7; Spanish needs accents (UCS-2), so its lines stay short enough for two
 * segments even with a date in them.
 */
const REPLIES: Record<Language, Partial<Record<HandoffReason, Line>>> = {
  en: {
    asked_for_person: (b) =>
      b ? `Of course. ${b.sentence}` : "Of course. A member of our team will text you back here shortly.",
    guardrail: (b) =>
      b
        ? `Thanks for your message. That's one for a member of our team. ${b.sentence}`
        : "Thanks for your message. That's one for a member of our team, and a person will follow up with you here shortly.",
    brain_failure: (b) =>
      b
        ? `Thanks for your message! ${b.sentence}`
        : "Thanks for your message! A member of our team will text you back here shortly.",
  },
  es: {
    asked_for_person: (b) =>
      b ? `Con gusto. ${b.sentence}` : "Con gusto. Una persona del equipo le escribirá por aquí en breve.",
    guardrail: (b) =>
      b
        ? `Gracias por su mensaje. ${b.sentence}`
        : "Gracias por su mensaje. Eso lo debe atender una persona del equipo, que le escribirá por aquí en breve.",
    brain_failure: (b) =>
      b
        ? `¡Gracias por su mensaje! ${b.sentence}`
        : "¡Gracias por su mensaje! Una persona del equipo le escribirá por aquí en breve.",
  },
};

const PENDING: Record<Language, Line> = {
  en: (b) =>
    b
      ? `Thanks! ${b.team} is back ${b.when} and will reply here then.`
      : "Thanks! A teammate is already on the way and will reply here shortly.",
  es: (b) =>
    b
      ? `¡Gracias! ${b.team} vuelve ${b.when} y le responderá por aquí entonces.`
      : "¡Gracias! Una persona del equipo ya viene en camino y le responderá por aquí en breve.",
};

export function writeSafeReply(reason: HandoffReason, context: SafeReplyContext = {}): string {
  const language = context.language ?? "en";
  const { knowledge, department, now } = context;
  const back = knowledge && department && now ? describeReturn({ knowledge, department, now, language }) : undefined;
  if (context.handoffPending) return PENDING[language](back);
  const line = REPLIES[language][reason] ?? REPLIES[language].guardrail!;
  return line(back);
}
