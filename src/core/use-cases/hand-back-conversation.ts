import type { CoreDeps } from "./core-deps.js";
import { refusalNotice } from "./claim-conversation.js";
import { refreshCard } from "./refresh-card.js";
import type { StaffActionResult, StaffMember } from "./staff-action.js";

/**
 * Returns the thread to the AI. The rep's messages stay in the history, so the AI picks
 * up with the context they left when the customer next writes.
 */
export async function handBackConversation(deps: CoreDeps, conversationId: string, rep: StaffMember): Promise<StaffActionResult> {
  const at = deps.clock.now();
  const before = await deps.store.getConversation(conversationId);
  if (before?.status === "claimed" && before.owner && before.owner.id !== rep.id) {
    return { ok: false, notice: `${before.owner.name} owns this conversation; only they can hand it back to the AI.` };
  }
  const moved = await deps.store.applyMove({ conversationId, action: "hand_back", at });
  if (!moved) return { ok: false, notice: refusalNotice(await deps.store.getConversation(conversationId), rep) };

  await deps.store.appendEvent({ conversationId, type: "handed_back", actor: `rep:${rep.id}`, data: { name: rep.name }, at });
  const conversation = await refreshCard(deps, conversationId);
  if (conversation?.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: `${rep.name} handed this conversation back to the AI. It answers the customer's next text, with this thread's context.`,
    });
  }
  return { ok: true };
}
