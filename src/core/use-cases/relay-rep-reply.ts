import type { ThreadRef } from "../ports/staff-chat.js";
import type { CoreDeps } from "./core-deps.js";
import type { StaffMember } from "./staff-action.js";
import { takeRepAttachments, type RepAttachment } from "./media/take-rep-attachments.js";

export interface RepReply {
  thread: ThreadRef;
  rep: StaffMember;
  text: string;
  /** Unique per chat message (Slack ts): the same reply delivered twice is sent once. */
  deliveryKey: string;
  /** Files attached to the reply (pictures, a PDF): texted with the words as one MMS, or nothing is. */
  attachments?: RepAttachment[];
}

export type RelayOutcome = "sent" | "duplicate" | "internal" | "refused" | "failed" | "retrying" | "not_a_baton_thread";

/** `//` and `note:` keep a line among colleagues; it is never texted. */
export function isInternalNote(text: string): boolean {
  return /^\s*(\/\/|note:)/i.test(text);
}

/**
 * A line typed in a card's thread. Only the owner's words reach the customer; anyone
 * else is told why, privately, so a manager's "who's on this?" never reaches a shopper.
 */
export async function relayRepReply(deps: CoreDeps, reply: RepReply): Promise<RelayOutcome> {
  const { store, staffChat } = deps;
  const conversation = await store.findConversationByThread(reply.thread);
  if (!conversation) return "not_a_baton_thread";

  if (isInternalNote(reply.text)) {
    await store.insertInternalNote(conversation.id, reply.text, reply.rep.name, `note:${reply.deliveryKey}`);
    return "internal";
  }
  const tell = (text: string) => staffChat.tellUser(reply.thread, reply.rep.id, text);

  if (conversation.customer.optedOut) {
    await staffChat.postInThread(reply.thread, {
      kind: "warning",
      text: `Not sent: the customer opted out of texts, so Baton will not text this number. (${reply.rep.name}'s reply stays here.)`,
    });
    return "refused";
  }
  if (conversation.status === "resolved") {
    await tell("Not sent: this conversation is resolved. If the customer texts again, Baton opens a new thread.");
    return "refused";
  }
  if (conversation.owner?.id !== reply.rep.id) {
    await tell(
      conversation.owner
        ? `Not sent to the customer: ${conversation.owner.name} owns this conversation, so only their replies are texted. Start with // to leave an internal note.`
        : "Not sent to the customer: only the person who claims this conversation can text them. Click Claim on the card, then reply again.",
    );
    return "refused";
  }

  let mediaIds: string[] | undefined;
  if (reply.attachments?.length) {
    const taken = await takeRepAttachments(deps, conversation, reply.attachments, reply.deliveryKey);
    if (!taken.ok) {
      // In the thread, not privately: the customer got nothing, and whoever reads the thread must know.
      await staffChat.postInThread(reply.thread, {
        kind: "warning",
        text: `Not sent: ${taken.why}. Nothing went to the customer, neither the words nor any file.`,
      });
      return "refused";
    }
    mediaIds = taken.mediaIds;
  }
  const result = await deps.gateway.send({
    conversationId: conversation.id,
    body: reply.text,
    author: "rep",
    authorName: reply.rep.name,
    purpose: "rep_reply",
    idempotencyKey: `rep:${reply.deliveryKey}`,
    mediaIds,
  });
  if (result.outcome === "refused") {
    await tell(`Not sent: ${result.reason.replace(/_/g, " ")}.`);
    return "refused";
  }
  if (result.outcome === "retrying")
    await tell(
      "Not confirmed yet: the SMS provider is failing. Baton keeps trying for a few minutes (asking the provider first, so nothing goes twice) and says so here if it gives up.",
    );
  return result.outcome;
}
