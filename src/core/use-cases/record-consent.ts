import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { CoreDeps } from "./core-deps.js";

/**
 * Opt-out: the customer's word is final. Keyword opt-outs (STOP…) are confirmed by the
 * carrier/provider itself (Twilio's Advanced Opt-Out answers them); a revocation in plain
 * words is not seen by the provider, so Baton sends the one confirmation itself.
 */
export async function announceOptOut(deps: CoreDeps, conversation: Conversation, message: StoredMessage, by: "keyword" | "phrase"): Promise<void> {
  const at = deps.clock.now();
  await deps.store.setOptOut(conversation.customer.id, true, at);
  await deps.store.appendEvent({ conversationId: conversation.id, type: "opted_out", actor: "customer", data: { text: message.body, by }, at });
  if (conversation.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "warning",
      text: `The customer opted out of texts ("${message.body.trim()}"). Baton will send nothing more to this number, whoever asks.`,
    });
  }
  if (by === "phrase") {
    const name = deps.rooftops.get(conversation.dealershipId).name;
    await deps.gateway.send({
      conversationId: conversation.id,
      body: `You're unsubscribed from ${name} texts and won't get any more. Reply START to resubscribe.`,
      author: "system",
      purpose: "optout_confirmation",
      idempotencyKey: `optout-confirmation:${message.id}`,
    });
  }
}

/** START/UNSTOP: the provider confirms; Baton records it and tells the thread. */
export async function announceOptIn(deps: CoreDeps, conversation: Conversation, message: StoredMessage): Promise<void> {
  const at = deps.clock.now();
  await deps.store.setOptOut(conversation.customer.id, false, at);
  await deps.store.appendEvent({ conversationId: conversation.id, type: "opted_in", actor: "customer", data: { text: message.body }, at });
  if (conversation.thread) {
    await deps.staffChat.postInThread(conversation.thread, { kind: "system", text: `The customer opted back in to texts ("${message.body.trim()}").` });
  }
}
