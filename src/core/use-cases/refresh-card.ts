import type { Conversation } from "../conversation/conversation.js";
import type { CoreDeps } from "./core-deps.js";
import { drawCard } from "./read-card.js";

/** Redraws a conversation's card from the database, so every click shows the truth. */
export async function refreshCard(deps: CoreDeps, conversationId: string): Promise<Conversation | undefined> {
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation?.thread) return conversation;
  await deps.staffChat.updateCard(conversation.thread, await drawCard(deps, conversation));
  return conversation;
}
