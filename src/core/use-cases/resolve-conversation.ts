import type { CoreDeps } from "./core-deps.js";
import { refreshCard } from "./refresh-card.js";
import type { StaffActionResult, StaffMember } from "./staff-action.js";
import { takeStaffMove } from "./take-staff-move.js";

/** Closes a conversation. A later text from the customer opens a new one, linked to this. */
export async function resolveConversation(
  deps: CoreDeps,
  conversationId: string,
  rep: StaffMember,
): Promise<StaffActionResult> {
  const refused = await takeStaffMove(deps, {
    conversationId,
    rep,
    action: "resolve",
    event: "resolved",
    ownerOnly: "resolve it",
    crmEvent: "conversation.resolved",
  });
  if (refused) return refused;
  await deps.followUps?.resolved(conversationId);
  const conversation = await refreshCard(deps, conversationId);
  if (conversation?.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: `${rep.name} resolved this conversation.`,
    });
  }
  return { ok: true };
}
