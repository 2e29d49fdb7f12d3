import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { BrainDecision } from "../ports/brain.js";
import type { ThreadRef } from "../ports/staff-chat.js";
import type { CoreDeps } from "./core-deps.js";
import { raiseHandoff } from "./raise-handoff.js";
import { postCustomerText, postFilesOrSay } from "./media/show-customer-media.js";

/** Messages the brain sees (the newest, up to the text being answered). */
export const HISTORY_LIMIT = 30;

/** Each text as the customer sent it, in order, with its pictures: a burst is several bubbles in the thread, as on their phone. */
export async function postCustomerTexts(deps: CoreDeps, thread: ThreadRef, texts: StoredMessage[]): Promise<void> {
  for (const text of texts) await postCustomerText(deps, thread, text);
}

/** The pictures of a turn whose words the card already shows. */
export async function postTurnPictures(deps: CoreDeps, thread: ThreadRef, texts: StoredMessage[]): Promise<void> {
  const withFiles = texts.filter((t) => t.numMedia > 0).map((t) => t.id);
  if (withFiles.length === 0 || !deps.media || !deps.staffChat.postFiles) return;
  const files = await deps.media.store.filesOf(withFiles);
  if (files.length > 0)
    await postFilesOrSay(deps, thread, { kind: "customer", text: "Sent with the words on the card:" }, files);
}

/** Moves the thread to "a person is needed" and shows the card; false if someone beat us to it. */
export async function requestHandoff(
  deps: CoreDeps,
  conversation: Conversation,
  decision: BrainDecision,
): Promise<boolean> {
  // The department the brain just gave it (stored by the turn before this move).
  const raised = await raiseHandoff(
    deps,
    { ...conversation, department: decision.department },
    {
      handoffReason: decision.handoffReason,
      why: decision.reason,
      actor: `ai:${decision.source}`,
    },
  );
  // A reply held back: the card's thread says which rule it broke, so a person knows what not to promise either.
  if (raised && decision.handoffReason === "guardrail") {
    const thread = (await deps.store.getConversation(conversation.id))?.thread;
    if (thread) await deps.staffChat.postInThread(thread, { kind: "warning", text: decision.reason });
  }
  return raised;
}
