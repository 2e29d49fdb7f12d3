import type { Conversation } from "../conversation/conversation.js";
import type { HandoffCard } from "../ports/staff-chat.js";
import type { CoreDeps } from "./core-deps.js";
import { drawCard } from "./read-card.js";

/** Posts a conversation's first card and remembers where it lives. Throws when the chat fails. */
export async function postNewCard(deps: CoreDeps, conversation: Conversation): Promise<void> {
  const thread = await deps.staffChat.postCard(await drawCard(deps, conversation));
  await deps.store.updateConversation(conversation.id, { thread });
}

/**
 * Shows people a conversation that needs them: its card redrawn with `note(card)` in the thread
 * when it has one, else a new card. A staff chat that fails (Slack down, a bad token) must not
 * lose the handoff: it is logged and a `post_card` job tries again until the card is up.
 */
export async function showHandoffCard(deps: CoreDeps, conversationId: string, note: (card: HandoffCard) => string): Promise<void> {
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation) return;
  try {
    if (conversation.thread) {
      const card = await drawCard(deps, conversation);
      await deps.staffChat.updateCard(conversation.thread, card);
      await deps.staffChat.postInThread(conversation.thread, { kind: "system", text: note(card) });
    } else {
      await postNewCard(deps, conversation);
    }
  } catch (error) {
    deps.logger.error({ err: error, conversationId, staffChat: deps.staffChat.name }, "showing a handoff card failed; it will be tried again");
    // Without a thread nobody sees the handoff: try again later. A thread that exists is still seen.
    if (!conversation.thread) await deps.followUps?.cardNotShown(conversationId);
  }
}
