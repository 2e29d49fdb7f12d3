import type { ConversationAction } from "../conversation/state-machine.js";
import { refusalNotice } from "./claim-conversation.js";
import type { CoreDeps } from "./core-deps.js";
import type { CrmEventType } from "../crm/crm-event.js";
import { crmJobs } from "./crm/crm-jobs.js";
import type { StaffActionResult, StaffMember } from "./staff-action.js";

/**
 * The shared first half of Hand back and Resolve: only the owner may do it to a claimed
 * thread, the move is atomic, and it is logged. Returns a refusal, or undefined when done.
 */
export async function takeStaffMove(
  deps: CoreDeps,
  move: {
    conversationId: string;
    rep: StaffMember;
    action: ConversationAction;
    event: string;
    ownerOnly: string;
    /** What the CRM's webhook is told, if anything. */
    crmEvent?: CrmEventType;
  },
): Promise<Extract<StaffActionResult, { ok: false }> | undefined> {
  const { conversationId, rep } = move;
  const at = deps.clock.now();
  const before = await deps.store.getConversation(conversationId);
  if (before?.status === "claimed" && before.owner && before.owner.id !== rep.id) {
    return { ok: false, notice: `${before.owner.name} owns this conversation; only they can ${move.ownerOnly}.` };
  }
  // The pre-check gives the clearer notice; the owner is enforced by the update itself (`by`).
  const jobs =
    move.crmEvent && before ? crmJobs(deps, before, move.crmEvent, at, { by: { id: rep.id, name: rep.name } }) : [];
  const moved = await deps.store.applyMove({ conversationId, action: move.action, at, by: rep.id, jobs });
  if (!moved) {
    const now = await deps.store.getConversation(conversationId);
    const notice =
      now?.status === "claimed" && now.owner && now.owner.id !== rep.id
        ? `${now.owner.name} owns this conversation; only they can ${move.ownerOnly}.`
        : refusalNotice(now, rep);
    return { ok: false, notice };
  }
  await deps.store.appendEvent({
    conversationId,
    type: move.event,
    actor: `rep:${rep.id}`,
    data: { name: rep.name },
    at,
  });
  return undefined;
}
