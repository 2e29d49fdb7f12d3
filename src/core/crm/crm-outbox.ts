import type { Department, LeadFields } from "../ports/brain.js";
import type { NewJob } from "../ports/jobs.js";
import type { CrmSettings } from "../ports/rooftops.js";
import type { CrmEventType } from "./crm-event.js";

/** What the CRM may hear of: a webhook event, or (ADF only) the AI having learnt who wants what. */
export type CrmOccurrence = CrmEventType | "lead.qualified";

/**
 * When a texting customer becomes a lead for the CRM (one ADF e-mail): a person was asked for, an
 * appointment was made, or the AI has learnt their name and the vehicle they want. A question
 * about opening hours is not a lead; a name alone or a model alone is not enough to work.
 */
const MAKES_A_LEAD: ReadonlySet<CrmOccurrence> = new Set(["handoff.requested", "appointment.saved", "lead.qualified"]);

export interface CrmChange {
  occurred: CrmOccurrence;
  dealershipId: string;
  /** Unset only for a conversation the same statement opens (the store fills it in). */
  conversationId?: string;
  at: Date;
  /** The conversation's department as of this change. */
  department: Department;
  /** The event's own facts, as the webhook's `data`. */
  data?: Record<string, unknown>;
}

/** The name and something to sell: enough for a salesperson to work the lead. */
export function isQualifiedLead(lead: LeadFields): boolean {
  const vehicle = lead.vehicle;
  return Boolean(lead.name && vehicle && (vehicle.model || vehicle.stock || vehicle.vin));
}

/**
 * After an AI turn: the conversation is a lead when the AI has learnt who wants what, or when a
 * person was already asked for. Then its department as of this turn is sent once (a customer
 * whose sales lead went out and who now asks for service is a new lead for the service side).
 */
export function isLeadNow(conversation: { status: string; handoffReason?: string }, lead: LeadFields): boolean {
  // A customer who may be withdrawing consent is for a person to settle, not a lead to chase.
  if (conversation.handoffReason === "may_opt_out") return false;
  return isQualifiedLead(lead) || conversation.status === "pending" || conversation.status === "claimed";
}

/**
 * The outbox jobs one change writes, in the same statement as the change: a webhook event when
 * the rooftop has a webhook, and an ADF lead when it has an ADF address and the change makes a
 * lead. One ADF job per conversation and department (its dedupe key); whether the customer was
 * sent already from another conversation is decided when it runs (CRM_DEDUPE_DAYS).
 */
export function crmJobsFor(crm: CrmSettings | undefined, change: CrmChange): NewJob[] {
  if (!crm) return [];
  const jobs: NewJob[] = [];
  const { dealershipId, conversationId, at } = change;
  if (crm.webhook && change.occurred !== "lead.qualified") {
    const eventId = `evt_${globalThis.crypto.randomUUID()}`;
    jobs.push({
      type: "crm_webhook",
      dealershipId,
      conversationId,
      dueAt: at,
      payload: { eventId, event: change.occurred, occurredAt: at.toISOString(), data: change.data ?? {} },
      dedupeKey: `crm_webhook:${eventId}`,
    });
  }
  if (crm.adfEmail && conversationId && MAKES_A_LEAD.has(change.occurred)) {
    jobs.push({
      type: "crm_lead",
      dealershipId,
      conversationId,
      dueAt: at,
      payload: {
        department: change.department,
        trigger: change.occurred as "handoff.requested" | "appointment.saved" | "lead.qualified",
        occurredAt: at.toISOString(),
      },
      dedupeKey: `crm_lead:${conversationId}:${change.department}`,
    });
  }
  return jobs;
}
