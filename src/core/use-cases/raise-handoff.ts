import type { HandoffReason } from "../ports/brain.js";
import type { CoreDeps } from "./core-deps.js";
import { showHandoffCard } from "./show-handoff-card.js";
import { crmJobs, type CrmSubject } from "./crm/crm-jobs.js";

export interface HandoffRequest {
  handoffReason?: HandoffReason;
  /** One line a rep can read: why a person is needed. */
  why: string;
  /** Who decided: `ai:<brain>`, `system`… */
  actor: string;
}

/**
 * Moves a conversation the AI holds to "a person is needed", records why, shows the card and
 * starts the escalation clock. False when it was not with the AI (someone beat us to it).
 */
export async function raiseHandoff(
  deps: CoreDeps,
  conversation: CrmSubject & { id: string },
  request: HandoffRequest,
): Promise<boolean> {
  const at = deps.clock.now();
  const conversationId = conversation.id;
  const moved = await deps.store.applyMove({
    conversationId,
    action: "request_handoff",
    at,
    handoffReason: request.handoffReason,
    jobs: crmJobs(deps, conversation, "handoff.requested", at, { reason: request.handoffReason, why: request.why })
      // A customer who may be withdrawing consent is not a lead to chase: the webhook hears of it, no ADF goes.
      .filter((job) => request.handoffReason !== "may_opt_out" || job.type !== "crm_lead"),
  });
  if (!moved) return false;
  await deps.store.appendEvent({
    conversationId,
    type: "handoff_requested",
    actor: request.actor,
    data: { reason: request.handoffReason, why: request.why },
    at,
  });
  // Handed back earlier: the same card and thread carry on.
  await showHandoffCard(deps, conversationId, (card) => `A person is needed again: ${card.reasonText}.`);
  return true;
}
