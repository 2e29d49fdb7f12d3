import type { HandoffReason } from "../ports/brain.js";

const REASONS: Record<HandoffReason, string> = {
  price: "Wants to talk numbers (price, discount, out-the-door)",
  trade_in: "Trade-in: wants a value or appraisal",
  financing: "Financing, credit, lease or payments",
  complaint: "Unhappy customer: needs service recovery",
  asked_for_person: "Asked for a person",
  cannot_answer: "A question the AI cannot answer from what the store knows",
  guardrail: "The AI held back from committing to something only a person can",
  brain_failure: "The AI was unavailable; a person should take over",
  ai_paused: "The AI stopped answering: too many texts too fast, or another automatic responder",
  new_lead: "New lead for a person to contact: Baton did not text it",
  follow_through: "The AI told the customer a person will follow up (a time to set, an order to check)",
  may_opt_out: "May want no more texts: read this before anyone texts again (the AI is silent)",
  not_delivered:
    "Baton could not text the customer: the SMS provider kept failing. Reach them another way or reply once it is back",
};

/** The card's "why it needs a person" line. */
export function describeReason(reason: HandoffReason | undefined): string {
  return reason ? REASONS[reason] : "A person was asked for";
}
