import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { BrainDecision } from "../ports/brain.js";
import type { ThreadRef } from "../ports/staff-chat.js";
import type { CoreDeps } from "./core-deps.js";
import { raiseHandoff } from "./raise-handoff.js";

/** Messages the brain sees (the newest, up to the text being answered). */
export const HISTORY_LIMIT = 30;

/** A text as the thread shows it: its words, and how many attachments came with it. */
export function describeForThread(message: StoredMessage): string {
  const media = message.numMedia > 0 ? ` [${message.numMedia} attachment${message.numMedia > 1 ? "s" : ""}]` : "";
  return `${message.body.trim() || "(no text)"}${media}`;
}

/** Each text as the customer sent it, in order: a burst is several bubbles in the thread, as on their phone. */
export async function postCustomerTexts(deps: CoreDeps, thread: ThreadRef, texts: StoredMessage[]): Promise<void> {
  for (const text of texts)
    await deps.staffChat.postInThread(thread, { kind: "customer", text: describeForThread(text) });
}

/** Moves the thread to "a person is needed" and shows the card; false if someone beat us to it. */
export async function requestHandoff(
  deps: CoreDeps,
  conversation: Conversation,
  decision: BrainDecision,
): Promise<boolean> {
  const raised = await raiseHandoff(deps, conversation.id, {
    handoffReason: decision.handoffReason,
    why: decision.reason,
    actor: `ai:${decision.source}`,
  });
  // A reply held back: the card's thread says which rule it broke, so a person knows what not to promise either.
  if (raised && decision.handoffReason === "guardrail") {
    const thread = (await deps.store.getConversation(conversation.id))?.thread;
    if (thread) await deps.staffChat.postInThread(thread, { kind: "warning", text: decision.reason });
  }
  return raised;
}
