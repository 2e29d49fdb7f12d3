import type { CoreDeps } from "./core-deps.js";
import { refusalNotice } from "./claim-conversation.js";
import { refreshCard } from "./refresh-card.js";
import type { StaffActionResult, StaffMember } from "./staff-action.js";

/** Closes a conversation. A later text from the customer opens a new one, linked to this. */
export async function resolveConversation(deps: CoreDeps, conversationId: string, rep: StaffMember): Promise<StaffActionResult> {
  const at = deps.clock.now();
  const before = await deps.store.getConversation(conversationId);
  if (before?.status === "claimed" && before.owner && before.owner.id !== rep.id) {
    return { ok: false, notice: `${before.owner.name} owns this conversation; only they can resolve it.` };
  }
  const moved = await deps.store.applyMove({ conversationId, action: "resolve", at });
  if (!moved) return { ok: false, notice: refusalNotice(await deps.store.getConversation(conversationId), rep) };

  await deps.store.appendEvent({ conversationId, type: "resolved", actor: `rep:${rep.id}`, data: { name: rep.name }, at });
  const conversation = await refreshCard(deps, conversationId);
  if (conversation?.thread) {
    await deps.staffChat.postInThread(conversation.thread, { kind: "system", text: `${rep.name} resolved this conversation.` });
  }
  return { ok: true };
}
