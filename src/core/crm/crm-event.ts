import type { Department, LeadFields } from "../ports/brain.js";

/** What the CRM webhook is told about, in the words its receiver switches on. */
export const CRM_EVENT_TYPES = [
  "conversation.created",
  "handoff.requested",
  "conversation.claimed",
  "conversation.resolved",
  "appointment.saved",
  "optout.recorded",
] as const;
export type CrmEventType = (typeof CRM_EVENT_TYPES)[number];

/**
 * One webhook delivery's JSON body. `id` is stable across retries (the receiver's idempotency
 * key); `data` is the event's own facts as of `occurredAt`; conversation, customer and lead are
 * as they stand when the event is delivered.
 */
export interface CrmWebhookEvent {
  id: string;
  type: CrmEventType;
  occurredAt: string;
  dealership: { id: string; name: string };
  conversation: {
    id: string;
    status: string;
    department: Department;
    intent?: string;
    summary?: string;
    handoffReason?: string;
    owner?: { id: string; name: string };
    /** How it began: a text, or a lead from a provider (adf) or the website (form). */
    source: "sms" | "adf" | "form";
  };
  customer: { phone: string; name?: string; email?: string; optedOut: boolean };
  lead: LeadFields;
  data: Record<string, unknown>;
}
