import type { Conversation } from "../conversation/conversation.js";
import type { HandoffCard } from "../ports/staff-chat.js";
import type { CoreDeps } from "./core-deps.js";
import { drawCard } from "./read-card.js";
import { postEarlierPictures } from "./media/show-customer-media.js";

/**
 * Posts a conversation's first card and remembers where it lives. Throws when the chat fails.
 * `lookFirst`: a card may be up already (a crash between posting it and recording it), so the
 * chat is searched before posting again, and a card found there is linked instead.
 */
export async function postNewCard(
  deps: CoreDeps,
  conversation: Conversation,
  options: { lookFirst?: boolean } = {},
): Promise<"posted" | "linked"> {
  const card = await drawCard(deps, conversation);
  const found = options.lookFirst ? await findPostedCard(deps, card, conversation.id) : undefined;
  const thread = found ?? (await deps.staffChat.postCard(card));
  await deps.store.updateConversation(conversation.id, { thread });
  if (found)
    await deps.staffChat.updateCard(found, card).catch(() => undefined); // the truth now; the link stands without it
  else
    await postEarlierPictures(deps, conversation.id, thread).catch((error: unknown) =>
      deps.logger.warn(
        { err: error, conversationId: conversation.id },
        "could not show the customer's pictures under the new card",
      ),
    );
  return found ? "linked" : "posted";
}

/** A search that fails is not a reason to leave people without a card: post one. */
async function findPostedCard(deps: CoreDeps, card: HandoffCard, conversationId: string) {
  try {
    return await deps.staffChat.findCard?.(card);
  } catch (error) {
    deps.logger.warn(
      { err: error, conversationId },
      "could not search the channel for a card posted before a restart; posting a new one",
    );
    return undefined;
  }
}

/**
 * Shows people a conversation that needs them: its card redrawn with `note(card)` in the thread
 * when it has one, else a new card. A staff chat that fails (Slack down, a bad token) must not
 * lose the handoff, and neither may a crash right after posting: a `post_card` job is planned
 * before a new card is posted, and finds it (or posts it) if the card was never recorded.
 */
export async function showHandoffCard(
  deps: CoreDeps,
  conversationId: string,
  note: (card: HandoffCard) => string,
  options: { lookFirst?: boolean } = {},
): Promise<void> {
  const conversation = await deps.store.getConversation(conversationId);
  if (!conversation) return;
  try {
    if (conversation.thread) {
      const card = await drawCard(deps, conversation);
      await deps.staffChat.updateCard(conversation.thread, card);
      await deps.staffChat.postInThread(conversation.thread, { kind: "system", text: note(card) });
    } else {
      await deps.followUps?.cardPosting(conversationId);
      await postNewCard(deps, conversation, options);
    }
  } catch (error) {
    deps.logger.error(
      { err: error, conversationId, staffChat: deps.staffChat.name },
      "showing a handoff card failed; it will be tried again",
    );
  }
}
