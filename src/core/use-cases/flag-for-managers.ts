import type { Conversation } from "../conversation/conversation.js";
import { firstNameOf } from "../handoff/build-handoff-card.js";
import type { PlannerDeps } from "./follow-up-deps.js";
import { refreshCard } from "./refresh-card.js";

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Who and what, in one line a manager can act on, without the customer's number. */
export function describeForManagers(conversation: Conversation): string {
  const who = firstNameOf(conversation.lead.name ?? conversation.customer.name) ?? "A customer";
  const summary = conversation.summary ? `: ${conversation.summary.slice(0, 280)}` : "";
  return `${who} · ${capitalise(conversation.department)}${summary}`;
}

/**
 * Frustration or a complaint: flagged on the card and copied to the manager channel at once.
 * Once per conversation (the flag is set atomically), so an angry thread is not re-posted per text.
 */
export async function flagForManagers(deps: PlannerDeps, conversation: Conversation, reason: string): Promise<void> {
  const at = deps.clock.now();
  if (!(await deps.followUpStore.flagConversation(conversation.id, reason, at))) return;
  await deps.store.appendEvent({ conversationId: conversation.id, type: "flagged", actor: "ai", data: { reason }, at });
  const fresh = (await refreshCard(deps, conversation.id)) ?? conversation;
  if (fresh.thread) {
    await deps.staffChat.postInThread(fresh.thread, { kind: "warning", text: `Flagged for managers: ${reason}.` });
  }
  const posted = await deps.staffChat.postToManagers(conversation.dealershipId, {
    kind: "alert",
    text: `Flagged: ${reason}. ${describeForManagers(fresh)}`,
    thread: fresh.thread,
  });
  if (!posted)
    deps.logger.warn(
      { conversationId: conversation.id, reason },
      "flagged conversation, but no manager channel is configured (SLACK_MANAGER_CHANNEL)",
    );
}
