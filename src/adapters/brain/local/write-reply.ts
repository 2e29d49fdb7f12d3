import { measureSms } from "../../../core/compliance/sms-segments.js";
import { describeReturn, type PersonReturn } from "../../../core/handoff/describe-return.js";
import type { Knowledge } from "../../../core/knowledge/knowledge.js";
import type { Language } from "../../../core/language/detect-language.js";
import type { Department, Disposition, HandoffReason, LeadFields } from "../../../core/ports/brain.js";
import type { KnowledgeAnswer } from "./answer-from-knowledge.js";
import { askNextQuestion } from "./ask-next-question.js";

export interface ReplyPlan {
  knowledge: Knowledge;
  department: Department;
  intent: string;
  handoff?: HandoffReason;
  /** The handoff is about safety (smoke, flashing light…), not a commitment. */
  safety: boolean;
  handoffPending: boolean;
  answer?: KnowledgeAnswer;
  /** Everything known about the customer so far, this text included. */
  lead: LeadFields;
  repairOrder?: string;
  /** The vehicle asked about is in the store's listings (or none was named). */
  listed: boolean;
  /** The units the reply names are on their way, none on the lot: nothing to come and see yet. */
  arriving?: boolean;
  /** The customer's language. @default "en" */
  language?: Language;
  /** Baton's clock: outside the department's hours a handoff says when people are back. */
  now?: Date;
}

/** Builds a handoff line: `back` is set outside the department's hours, undefined inside them. */
type Line = (back: PersonReturn | undefined) => string;

/**
 * Handoff replies: a person is coming; nothing is promised about the outcome. Inside the
 * department's hours a person answers "shortly"; outside them, the reply says when they are back.
 */
const HANDOFF: Record<Language, Record<HandoffReason, Line>> = {
  en: {
    price: (b) =>
      b
        ? `A person handles pricing like that. ${b.sentence}`
        : "Pricing like that is handled by our sales team, and a person will text you back here shortly.",
    trade_in: (b) =>
      b
        ? `A person handles trade-ins. ${b.sentence}`
        : "Someone from our sales team will follow up about your trade here shortly.",
    financing: (b) =>
      b
        ? `A person handles financing questions. ${b.sentence}`
        : "Our finance team handles that, and a person will text you back here shortly.",
    complaint: (b) =>
      b
        ? `I'm sorry about this. I've flagged it for a manager. ${b.sentence}`
        : "I'm sorry about this. I've flagged it for a manager, and a person will reach out to you here shortly.",
    asked_for_person: (b) =>
      b ? `Of course. ${b.sentence}` : "Of course. A member of our team will text you back here shortly.",
    cannot_answer: (b) =>
      b
        ? `I can't commit to that by text. ${b.sentence}`
        : "I can't commit to that by text, but a member of our team will follow up with you here shortly.",
    guardrail: (b) => b?.sentence ?? "A member of our team will follow up with you here shortly.",
    brain_failure: (b) => b?.sentence ?? "A member of our team will text you back here shortly.",
    ai_paused: (b) => b?.sentence ?? "A member of our team will text you back here shortly.",
    new_lead: (b) => b?.sentence ?? "A member of our team will follow up with you here shortly.",
    follow_through: (b) => b?.sentence ?? "A member of our team will follow up with you here shortly.",
    may_opt_out: (b) => b?.sentence ?? "A member of our team will follow up with you here shortly.",
    not_delivered: (b) => b?.sentence ?? "A member of our team will text you back here shortly.",
  },
  es: {
    price: (b) =>
      b
        ? `Una persona le ayudará con el precio. ${b.sentence}`
        : "Los precios los maneja nuestro equipo de ventas, y una persona le escribirá por aquí en breve.",
    trade_in: (b) =>
      b
        ? `Una persona le ayudará con su auto a cuenta. ${b.sentence}`
        : "Una persona de nuestro equipo de ventas le escribirá por aquí en breve sobre su auto a cuenta.",
    financing: (b) =>
      b
        ? `Una persona le ayudará con el financiamiento. ${b.sentence}`
        : "De eso se encarga nuestro equipo de finanzas, y una persona le escribirá por aquí en breve.",
    complaint: (b) =>
      b
        ? `Lamento mucho lo sucedido. Ya le avisé a un gerente. ${b.sentence}`
        : "Lamento mucho lo sucedido. Ya le avisé a un gerente, y una persona le escribirá por aquí en breve.",
    asked_for_person: (b) =>
      b ? `Con gusto. ${b.sentence}` : "Con gusto. Una persona del equipo le escribirá por aquí en breve.",
    cannot_answer: (b) =>
      b
        ? `No puedo comprometerme a eso por mensaje. ${b.sentence}`
        : "No puedo comprometerme a eso por mensaje, pero una persona del equipo le escribirá por aquí en breve.",
    guardrail: (b) => b?.sentence ?? "Una persona del equipo le escribirá por aquí en breve.",
    brain_failure: (b) => b?.sentence ?? "Una persona del equipo le escribirá por aquí en breve.",
    ai_paused: (b) => b?.sentence ?? "Una persona del equipo le escribirá por aquí en breve.",
    new_lead: (b) => b?.sentence ?? "Una persona del equipo le escribirá por aquí en breve.",
    follow_through: (b) => b?.sentence ?? "Una persona del equipo le escribirá por aquí en breve.",
    may_opt_out: (b) => b?.sentence ?? "Una persona del equipo le escribirá por aquí en breve.",
    not_delivered: (b) => b?.sentence ?? "Una persona del equipo le escribirá por aquí en breve.",
  },
};
/** Safety first: the advice not to drive stays in even when the time of return makes the text long. */
const SAFETY: Record<Language, Line> = {
  en: (b) =>
    b
      ? `I want a person to answer that safely. ${b.sentence} If the car seems unsafe, please don't drive it.`
      : "I want a person to answer that safely, so our service team will text you shortly. If the car seems unsafe, please don't drive it.",
  es: (b) =>
    b
      ? `Si el auto parece inseguro, no lo maneje. ${b.sentence}`
      : "Eso debe responderlo una persona: nuestro equipo de servicio le escribirá en breve. Si el auto parece inseguro, no lo maneje.",
};
const PENDING: Record<Language, Line> = {
  en: (b) =>
    b
      ? `Thanks! ${b.team} is back ${b.when} and will reply here then.`
      : "Thanks! A teammate is on the way and will reply here shortly.",
  es: (b) =>
    b
      ? `¡Gracias! ${b.team} vuelve ${b.when} y le responderá por aquí entonces.`
      : "¡Gracias! Una persona del equipo le responderá por aquí en breve.",
};
/** Words of the local brain's own answers, per language. */
const WORDS = {
  en: {
    thanks: (first?: string) => (first ? `Thanks, ${first}!` : "Thanks!"),
    anythingElse: "Anything else I can help with?",
    softOpener: /^(?:Happy to help|Happy to check)[!.] /,
    offer: (store: string) =>
      `I can help with vehicles, service, parts and store info for ${store}. What can I help you with?`,
    ourSalesTeam: "our sales team",
    ourPartsTeam: "our parts team",
  },
  es: {
    thanks: (first?: string) => (first ? `¡Gracias, ${first}!` : "¡Gracias!"),
    anythingElse: "¿Le puedo ayudar en algo más?",
    softOpener: /^(?:¡Con gusto!|Con gusto lo reviso\.) /,
    offer: (store: string) =>
      `Puedo ayudarle con vehículos, servicio, partes e información de ${store}. ¿En qué le puedo ayudar?`,
    ourSalesTeam: "nuestro equipo de ventas",
    ourPartsTeam: "nuestro equipo de partes",
  },
} as const;
const PLACE_TOPICS = new Set(["hours", "location", "phone"]);
/** Asks that go on after an answer: "We have it. What day works to come see it?" */
const ONGOING = new Set([
  "test_drive",
  "vehicle_availability",
  "vehicle_info",
  "service_booking",
  "maintenance",
  "repair",
]);

function thanks(lead: LeadFields, language: Language): string {
  return WORDS[language].thanks(lead.name?.split(" ")[0]);
}

/** Two SMS segments at most: Spanish accents make a text UCS-2, where two segments hold 134 characters. */
const fitsTwoSegments = (text: string) => measureSms(text).segments <= 2;

/** The parts that fit: optional ones (an opener, the store's facts) go first when the whole is too long. */
function fitting(optional: string, essential: string): string {
  const whole = `${optional}${essential}`;
  return fitsTwoSegments(whole) ? whole : essential;
}

/** Answers can end with one question; short ones get a friendly nudge. A question that would not fit is left out. */
function withFollowUp(answer: string, question: string | undefined, language: Language): string {
  const words = WORDS[language];
  const follow = question
    ? question.replace(words.softOpener, "")
    : answer.length < 110
      ? words.anythingElse
      : undefined;
  const whole = follow ? `${answer} ${follow}` : answer;
  return fitsTwoSegments(whole) ? whole : answer;
}

/**
 * The SMS for a decision: acknowledge, then answer from the knowledge or ask one useful
 * question, in the customer's language. Handoff replies only say a person is coming, and when:
 * "shortly" inside the department's hours, the day and time they are back outside them. English
 * stays plain ASCII (GSM-7); Spanish needs accents (UCS-2), so its replies are kept shorter.
 */
export function writeReply(plan: ReplyPlan): { reply: string; disposition: Disposition } {
  const { handoff, answer, lead } = plan;
  const language = plan.language ?? "en";
  const words = WORDS[language];
  /** When people are back, for a handoff to `department` made now; undefined inside its hours. */
  const back = (department: Department) =>
    plan.now ? describeReturn({ knowledge: plan.knowledge, department, now: plan.now, language }) : undefined;
  if (plan.handoffPending) {
    // A person is already coming: answer what the store's facts answer, leave the rest to them.
    if (answer && !handoff) return { reply: answer.text, disposition: "answer" };
    const facts = answer && PLACE_TOPICS.has(answer.topic) ? `${answer.text} ` : "";
    return { reply: fitting(facts, PENDING[language](back(plan.department))), disposition: "follow_up" };
  }
  if (handoff) {
    const safety = handoff === "cannot_answer" && plan.safety;
    const line = safety
      ? SAFETY[language](back("service"))
      : HANDOFF[language][handoff](back(plan.department)).replace(
          words.ourSalesTeam,
          plan.department === "parts" ? words.ourPartsTeam : words.ourSalesTeam,
        );
    const opener =
      handoff === "complaint" || handoff === "asked_for_person" || plan.safety ? "" : `${thanks(lead, language)} `;
    // "What time do you open? want to talk numbers": the store's facts first, then the person.
    const prefix = answer && PLACE_TOPICS.has(answer.topic) ? `${answer.text} ` : opener;
    return { reply: fitting(prefix, line), disposition: "handoff" };
  }
  const question = askNextQuestion(plan);
  if (answer?.asks) return { reply: answer.text, disposition: "answer" };
  if (answer)
    return {
      reply: withFollowUp(
        answer.text,
        answer.topic === "inventory" || ONGOING.has(plan.intent) ? question : undefined,
        language,
      ),
      disposition: "answer",
    };
  return { reply: question ?? words.offer(plan.knowledge.name), disposition: "follow_up" };
}
