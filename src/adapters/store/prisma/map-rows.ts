import type { Conversation, StoredMessage } from "../../../core/conversation/conversation.js";
import { LANGUAGES } from "../../../core/language/detect-language.js";
import type { Department, HandoffReason, LeadFields } from "../../../core/ports/brain.js";
import type { Prisma } from "./generated/client.js";
import { toLeadSource, type LeadCardRow } from "./map-lead-rows.js";

type ConversationTable = Prisma.ConversationGetPayload<object>;
type CustomerTable = Prisma.CustomerGetPayload<object>;
export type MessageRow = Prisma.MessageGetPayload<object>;

/** What a Conversation is made of: the conversation's columns it shows, with its customer's. */
export type ConversationFields = Pick<
  ConversationTable,
  | "id"
  | "dealershipId"
  | "customerId"
  | "status"
  | "department"
  | "intent"
  | "lead"
  | "summary"
  | "handoffReason"
  | "ownerId"
  | "ownerName"
  | "staffChannel"
  | "threadChannel"
  | "threadTs"
  | "previousConversationId"
  | "firstResponseAt"
  | "handoffAt"
  | "claimedAt"
  | "resolvedAt"
  | "lastCustomerAt"
  | "flaggedAt"
  | "flagReason"
  | "language"
  | "startedByCallAt"
> & { customer: Pick<CustomerTable, "id" | "dealershipId" | "phone" | "name" | "optedOut"> };

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function toConversation(row: ConversationFields & { leads?: LeadCardRow[] }): Conversation {
  return {
    id: row.id,
    dealershipId: row.dealershipId,
    customer: {
      id: row.customer.id,
      dealershipId: row.customer.dealershipId,
      phone: row.customer.phone,
      name: opt(row.customer.name),
      optedOut: row.customer.optedOut,
    },
    status: row.status,
    department: row.department as Department,
    intent: opt(row.intent),
    lead: (row.lead ?? {}) as LeadFields,
    summary: opt(row.summary),
    handoffReason: opt(row.handoffReason) as HandoffReason | undefined,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? row.ownerId } : undefined,
    thread:
      row.staffChannel && row.threadChannel && row.threadTs
        ? { chat: row.staffChannel, channel: row.threadChannel, ts: row.threadTs }
        : undefined,
    previousConversationId: opt(row.previousConversationId),
    firstResponseAt: opt(row.firstResponseAt),
    handoffAt: opt(row.handoffAt),
    claimedAt: opt(row.claimedAt),
    resolvedAt: opt(row.resolvedAt),
    lastCustomerAt: opt(row.lastCustomerAt),
    flag: row.flaggedAt ? { reason: row.flagReason ?? "flagged", at: row.flaggedAt } : undefined,
    leadSource: toLeadSource(row.leads),
    language: LANGUAGES.find((l) => l === row.language),
    startedByCallAt: opt(row.startedByCallAt),
  };
}

/** What a StoredMessage is made of: a whole row, or the columns MESSAGE_COLUMNS reads. */
export type MessageFields = Pick<
  MessageRow,
  "id" | "conversationId" | "direction" | "author" | "authorName" | "body" | "numMedia" | "status" | "createdAt"
>;

/**
 * Outbound rows written before delivery statuses were Baton's own (DeliveryStatus) may hold
 * Twilio's words for them: they are read as Baton's. Other words are the same in both.
 */
const EARLIER_STATUS_WORDS: Readonly<Record<string, string>> = {
  undelivered: "undeliverable",
  accepted: "queued",
  scheduled: "queued",
  read: "delivered",
};

export function toMessage(row: MessageFields): StoredMessage {
  const status = (row.direction === "outbound" && EARLIER_STATUS_WORDS[row.status]) || row.status;
  return {
    id: row.id,
    conversationId: row.conversationId,
    direction: row.direction,
    author: row.author,
    authorName: opt(row.authorName),
    body: row.body,
    numMedia: row.numMedia,
    status,
    createdAt: row.createdAt,
  };
}
