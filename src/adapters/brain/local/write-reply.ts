import type { Knowledge } from "../../../core/knowledge/knowledge.js";
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
}

/** Handoff replies: a person is coming; nothing is promised about the outcome. */
const HANDOFF: Record<HandoffReason, string> = {
  price: "Pricing like that is handled by our sales team, and a person will text you back here shortly.",
  trade_in: "Someone from our sales team will follow up about your trade here shortly.",
  financing: "Our finance team handles that, and a person will text you back here shortly.",
  complaint: "I'm sorry about this. I've flagged it for a manager, and a person will reach out to you here shortly.",
  asked_for_person: "Of course. A member of our team will text you back here shortly.",
  cannot_answer: "I can't commit to that by text, but a member of our team will follow up with you here shortly.",
  guardrail: "A member of our team will follow up with you here shortly.",
  brain_failure: "A member of our team will text you back here shortly.",
  ai_paused: "A member of our team will text you back here shortly.",
  new_lead: "A member of our team will follow up with you here shortly.",
};
const SAFETY = "I want a person to answer that safely, so our service team will text you shortly. If the car seems unsafe, please don't drive it.";
const PENDING = "Thanks! A teammate is on the way and will reply here shortly.";
const PLACE_TOPICS = new Set(["hours", "location", "phone"]);
/** Asks that go on after an answer: "We have it. What day works to come see it?" */
const ONGOING = new Set(["test_drive", "vehicle_availability", "vehicle_info", "service_booking", "maintenance", "repair"]);

function thanks(lead: LeadFields): string {
  return lead.name ? `Thanks, ${lead.name.split(" ")[0]}!` : "Thanks!";
}

/** Answers can end with one question; short ones get a friendly nudge. */
function withFollowUp(answer: string, question: string | undefined): string {
  if (question) return `${answer} ${question.replace(/^(?:Happy to help|Happy to check)[!.] /, "")}`;
  return answer.length < 110 ? `${answer} Anything else I can help with?` : answer;
}

/**
 * The SMS for a decision: acknowledge, then answer from the knowledge or ask one useful
 * question. Handoff replies only say a person is coming. Plain ASCII, so a reply stays GSM-7.
 */
export function writeReply(plan: ReplyPlan): { reply: string; disposition: Disposition } {
  const { handoff, answer, lead } = plan;
  if (plan.handoffPending) {
    // A person is already coming: answer what the store's facts answer, leave the rest to them.
    if (answer && !handoff) return { reply: answer.text, disposition: "answer" };
    const facts = answer && PLACE_TOPICS.has(answer.topic) ? `${answer.text} ` : "";
    return { reply: `${facts}${PENDING}`, disposition: "follow_up" };
  }
  if (handoff) {
    const line = handoff === "cannot_answer" && plan.safety ? SAFETY : HANDOFF[handoff].replace("our sales team", plan.department === "parts" ? "our parts team" : "our sales team");
    const opener = handoff === "complaint" || handoff === "asked_for_person" || plan.safety ? "" : `${thanks(lead)} `;
    // "What time do you open? want to talk numbers": the store's facts first, then the person.
    const prefix = answer && PLACE_TOPICS.has(answer.topic) ? `${answer.text} ` : opener;
    return { reply: `${prefix}${line}`, disposition: "handoff" };
  }
  const question = askNextQuestion(plan);
  if (answer?.asks) return { reply: answer.text, disposition: "answer" };
  if (answer) return { reply: withFollowUp(answer.text, answer.topic === "inventory" || ONGOING.has(plan.intent) ? question : undefined), disposition: "answer" };
  return { reply: question ?? `I can help with vehicles, service, parts and store info for ${plan.knowledge.name}. What can I help you with?`, disposition: "follow_up" };
}
