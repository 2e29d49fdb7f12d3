import { maskPhone } from "../compliance/mask-phone.js";
import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { HandoffCard, ThreadRef } from "../ports/staff-chat.js";
import { describeReason } from "./describe-reason.js";
import { countOf } from "../media/file-count.js";
import { describeLeadSource } from "../leads/describe-lead-source.js";
import { describeStartedByCall } from "../calls/missed-call.js";

export function firstNameOf(fullName: string | undefined): string | undefined {
  const first = fullName?.trim().split(/\s+/)[0];
  return first ? first : undefined;
}

/** Everything a rep needs at a glance, with the customer's number masked. */
export function buildHandoffCard(input: {
  conversation: Conversation;
  dealershipName: string;
  messages: StoredMessage[];
  previousThread?: ThreadRef;
  lastMessageCount?: number;
}): HandoffCard {
  const { conversation: c } = input;
  const visible = input.messages.filter((m) => m.direction !== "internal");
  const last = visible.slice(-(input.lastMessageCount ?? 5));
  const waitedMs = c.handoffAt && c.claimedAt ? Math.max(0, c.claimedAt.getTime() - c.handoffAt.getTime()) : undefined;
  return {
    conversationId: c.id,
    dealershipId: c.dealershipId,
    dealershipName: input.dealershipName,
    customerFirstName: firstNameOf(c.lead.name ?? c.customer.name),
    maskedPhone: maskPhone(c.customer.phone),
    department: c.department,
    status: c.status,
    reason: c.handoffReason,
    reasonText: describeReason(c.handoffReason),
    summary: c.summary ?? "",
    lead: c.lead,
    lastMessages: last.map((m) => ({
      author: m.author,
      authorName: m.authorName,
      body: withFiles(m),
      at: m.createdAt,
    })),
    owner: c.owner,
    waitedMs,
    optedOut: c.customer.optedOut,
    previousThread: input.previousThread,
    flag: c.flag?.reason,
    leadSource: c.leadSource
      ? describeLeadSource(c.leadSource)
      : c.startedByCallAt
        ? describeStartedByCall(c.startedByCallAt)
        : undefined,
  };
}

/** A message's words on the card, saying when pictures came with it (they are shown in the thread). */
function withFiles(m: StoredMessage): string {
  if (m.numMedia === 0) return m.body;
  const files = `[${countOf(m.numMedia, "file")}, in the thread]`;
  return m.body.trim() ? `${m.body} ${files}` : files;
}
