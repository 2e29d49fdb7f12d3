import type { Conversation } from "../conversation/conversation.js";
import { buildHandoffCard } from "../handoff/build-handoff-card.js";
import type { HandoffCard } from "../ports/staff-chat.js";
import type { CoreDeps } from "./core-deps.js";

/** A conversation's card from the database as it is now, linking the thread it reopened. */
export async function drawCard(deps: CoreDeps, conversation: Conversation): Promise<HandoffCard> {
  const previous = conversation.previousConversationId
    ? await deps.store.getConversation(conversation.previousConversationId)
    : undefined;
  return buildHandoffCard({
    conversation,
    dealershipName: deps.rooftops.get(conversation.dealershipId).name,
    messages: await deps.store.listMessages(conversation.id, 20),
    previousThread: previous?.thread,
  });
}

/**
 * A conversation's card as the database says it is now, without posting it: what a chat answers
 * a click with (Teams returns a card in the click's response).
 */
export async function readCard(deps: CoreDeps, conversationId: string): Promise<HandoffCard | undefined> {
  const conversation = await deps.store.getConversation(conversationId);
  return conversation?.thread ? drawCard(deps, conversation) : undefined;
}
