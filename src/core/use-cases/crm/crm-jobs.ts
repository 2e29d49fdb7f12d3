import { crmJobsFor, type CrmOccurrence } from "../../crm/crm-outbox.js";
import type { Department } from "../../ports/brain.js";
import type { NewJob } from "../../ports/jobs.js";
import type { CoreDeps } from "../core-deps.js";

/** The conversation a change is about, as far as the CRM's outbox needs it. */
export interface CrmSubject {
  /** Unset for a conversation the same statement opens. */
  id?: string;
  dealershipId: string;
  department: Department;
}

/** The outbox jobs for a change, from its rooftop's CRM settings: none when it has no CRM. */
export function crmJobs(
  deps: Pick<CoreDeps, "rooftops">,
  subject: CrmSubject,
  occurred: CrmOccurrence,
  at: Date,
  data?: Record<string, unknown>,
): NewJob[] {
  return crmJobsFor(deps.rooftops.get(subject.dealershipId).crm, {
    occurred,
    dealershipId: subject.dealershipId,
    conversationId: subject.id,
    at,
    department: subject.department,
    data,
  });
}

/**
 * The same for a change known only by its conversation's id (a Claim click): the conversation is
 * read only when some rooftop has a webhook, so a Baton without one pays nothing.
 */
export async function crmEvent(
  deps: Pick<CoreDeps, "rooftops" | "store">,
  conversationId: string,
  occurred: CrmOccurrence,
  at: Date,
  data?: Record<string, unknown>,
): Promise<NewJob[]> {
  if (!deps.rooftops.all().some((rooftop) => rooftop.crm?.webhook)) return [];
  const conversation = await deps.store.getConversation(conversationId);
  return conversation ? crmJobs(deps, conversation, occurred, at, data) : [];
}
