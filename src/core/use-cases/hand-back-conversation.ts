import type { CoreDeps } from "./core-deps.js";
import { refreshCard } from "./refresh-card.js";
import type { StaffActionResult, StaffMember } from "./staff-action.js";
import { takeStaffMove } from "./take-staff-move.js";

/**
 * Returns the thread to the AI. The rep's messages stay in the history, so the AI picks
 * up with the context they left when the customer next writes.
 */
export async function handBackConversation(
  deps: CoreDeps,
  conversationId: string,
  rep: StaffMember,
): Promise<StaffActionResult> {
  const refused = await takeStaffMove(deps, {
    conversationId,
    rep,
    action: "hand_back",
    event: "handed_back",
    ownerOnly: "hand it back to the AI",
  });
  if (refused) return refused;
  // Handing back is the person's decision that the customer still wants texts: the doubt is lifted.
  const before = await deps.store.getConversation(conversationId);
  if (before?.handoffReason === "may_opt_out")
    await deps.store.updateConversation(conversationId, { handoffReason: null });
  await deps.followUps?.handedBack(conversationId);
  const conversation = await refreshCard(deps, conversationId);
  if (conversation?.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: `${rep.name} handed this conversation back to the AI. It answers the customer's next text, with this thread's context.`,
    });
  }
  return { ok: true };
}
