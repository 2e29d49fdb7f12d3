import type { Conversation } from "../conversation/conversation.js";
import type { CrmEventType, CrmWebhookEvent } from "./crm-event.js";

/**
 * One event's body: its own facts as stored with the change (`data`, `occurredAt`), and the
 * conversation, customer and lead as they stand now, when it is delivered.
 */
export function buildWebhookEvent(
  conversation: Conversation,
  rooftop: { id: string; name: string },
  stored: { eventId: string; event: CrmEventType; occurredAt: string; data: Record<string, unknown> },
): CrmWebhookEvent {
  const { customer, lead } = conversation;
  return {
    id: stored.eventId,
    type: stored.event,
    occurredAt: stored.occurredAt,
    dealership: { id: rooftop.id, name: rooftop.name },
    conversation: {
      id: conversation.id,
      status: conversation.status,
      department: conversation.department,
      intent: conversation.intent,
      summary: conversation.summary,
      handoffReason: conversation.handoffReason,
      owner: conversation.owner,
      source: conversation.leadSource?.channel ?? "sms",
    },
    customer: {
      phone: customer.phone,
      name: lead.name ?? customer.name,
      email: lead.email,
      optedOut: customer.optedOut,
    },
    lead,
    data: stored.data,
  };
}
