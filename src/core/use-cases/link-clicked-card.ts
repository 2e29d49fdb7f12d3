import type { ThreadRef } from "../ports/staff-chat.js";
import type { CoreDeps } from "./core-deps.js";

/**
 * A click on a card the conversation has no record of: Baton posted it and died before recording
 * where it lives, in a chat that cannot be searched (Teams). The clicked card becomes the
 * conversation's thread, so the rep's replies there reach the customer and theirs reach it.
 */
export async function linkClickedCard(
  deps: CoreDeps,
  conversationId: string,
  card: ThreadRef | undefined,
): Promise<void> {
  if (!card || !(await deps.store.linkThread(conversationId, card))) return;
  await deps.store.appendEvent({
    conversationId,
    type: "card_linked",
    actor: "system",
    data: { by: "click" },
    at: deps.clock.now(),
  });
  deps.logger.warn({ conversationId }, "linked a card posted before a restart, on its first click");
}
