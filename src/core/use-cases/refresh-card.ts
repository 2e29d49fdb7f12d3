import { buildHandoffCard } from "../handoff/build-handoff-card.js";
import type { Conversation } from "../conversation/conversation.js";
import type { CoreDeps } from "./core-deps.js";

/** Redraws a conversation's card from the database, so every click shows the truth. */
export async function refreshCard(deps: CoreDeps, conversationId: string): Promise<Conversation | undefined> {
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation?.thread) return conversation;
  const messages = await deps.store.listMessages(conversationId, 20);
  const card = buildHandoffCard({ conversation, dealershipName: deps.rooftops.get(conversation.dealershipId).name, messages });
  await deps.staffChat.updateCard(conversation.thread, card);
  return conversation;
}
