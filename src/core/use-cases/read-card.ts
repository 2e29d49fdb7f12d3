import { buildHandoffCard } from "../handoff/build-handoff-card.js";
import type { HandoffCard } from "../ports/staff-chat.js";
import type { CoreDeps } from "./core-deps.js";

/**
 * A conversation's card as the database says it is now, without posting it: what a chat answers
 * a click with (Teams returns a card in the click's response). Drawn like refreshCard draws it.
 */
export async function readCard(deps: CoreDeps, conversationId: string): Promise<HandoffCard | undefined> {
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation?.thread) return undefined;
  const messages = await deps.store.listMessages(conversationId, 20);
  return buildHandoffCard({ conversation, dealershipName: deps.rooftops.get(conversation.dealershipId).name, messages });
}
