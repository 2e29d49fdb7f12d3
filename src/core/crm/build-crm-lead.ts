import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { Department } from "../ports/brain.js";
import type { CrmLead, CrmTranscriptLine } from "./crm-lead.js";

const WHO: Record<StoredMessage["author"], string> = { customer: "Customer", ai: "AI", rep: "Rep", system: "Baton" };

/** The conversation as the CRM reads it: what the customer and the store said, not staff notes. */
export function transcriptOf(messages: StoredMessage[]): CrmTranscriptLine[] {
  return messages
    .filter((m) => m.direction !== "internal" && m.body.trim() !== "")
    .map((m) => ({
      at: m.createdAt,
      who: m.author === "rep" ? (m.authorName ?? WHO.rep) : WHO[m.author],
      body: m.body,
    }));
}

/** A texting customer as a lead for the CRM, from what the conversation knows now. */
export function buildCrmLead(
  conversation: Conversation,
  messages: StoredMessage[],
  rooftop: { id: string; name: string },
  department: Department,
  at: Date,
): CrmLead {
  const { lead, customer } = conversation;
  return {
    conversationId: conversation.id,
    requestedAt: at,
    customer: { name: lead.name ?? customer.name, phone: customer.phone, email: lead.email },
    vehicle: lead.vehicle && Object.keys(lead.vehicle).length > 0 ? lead.vehicle : undefined,
    tradeIn: lead.tradeIn && Object.keys(lead.tradeIn).length > 0 ? lead.tradeIn : undefined,
    department,
    summary: conversation.summary,
    timing: lead.timing,
    transcript: transcriptOf(messages),
    vendor: { id: rooftop.id, name: rooftop.name },
  };
}
