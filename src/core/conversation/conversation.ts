import type { Department, HandoffReason, LeadFields } from "../ports/brain.js";
import type { ThreadRef } from "../ports/staff-chat.js";
import type { LeadSource } from "../leads/lead.js";
import type { Language } from "../language/detect-language.js";
import type { ConversationStatus } from "./state-machine.js";

export interface Customer {
  id: string;
  dealershipId: string;
  phone: string;
  name?: string;
  optedOut: boolean;
}

export interface Conversation {
  id: string;
  dealershipId: string;
  customer: Customer;
  status: ConversationStatus;
  department: Department;
  intent?: string;
  lead: LeadFields;
  summary?: string;
  handoffReason?: HandoffReason;
  owner?: { id: string; name: string };
  thread?: ThreadRef;
  previousConversationId?: string;
  firstResponseAt?: Date;
  handoffAt?: Date;
  claimedAt?: Date;
  resolvedAt?: Date;
  /** When the customer last texted (a nudge is only for a silence). */
  lastCustomerAt?: Date;
  /** Set once when managers were alerted (frustration, complaint). */
  flag?: { reason: string; at: Date };
  /** The newest web or ADF lead of this conversation, when it started as one. */
  leadSource?: LeadSource;
  /** The language the customer writes in, as of the last AI turn: the AI and follow-ups answer in it. */
  language?: Language;
  /** A missed call opened this conversation (its text-back was the first message): the card says so. */
  startedByCallAt?: Date;
}

export type MessageAuthor = "customer" | "ai" | "rep" | "system";

export interface StoredMessage {
  id: string;
  conversationId: string;
  direction: "inbound" | "outbound" | "internal";
  author: MessageAuthor;
  authorName?: string;
  body: string;
  numMedia: number;
  status: string;
  createdAt: Date;
}

/**
 * Outbound texts the customer never got: refused, failed, stale, still being tried again, or
 * reported undeliverable or withdrawn (the delivery statuses are Baton's, see DeliveryStatus).
 */
const NEVER_ARRIVED = new Set(["failed", "refused", "retrying", "undeliverable", "canceled"]);

/** Whether the customer saw this text (or sent it): what the AI may treat as said. */
export const reachedCustomer = (message: StoredMessage): boolean =>
  message.direction !== "outbound" || !NEVER_ARRIVED.has(message.status);

/** Lead fields merge: what the customer said last wins, nothing learnt earlier is dropped. */
export function mergeLead(current: LeadFields, learnt: LeadFields): LeadFields {
  const merged: LeadFields = { ...current };
  for (const [key, value] of Object.entries(learnt) as [keyof LeadFields, unknown][]) {
    if (value === undefined || value === null || value === "") continue;
    if (typeof value === "object" && !Array.isArray(value)) {
      const before = (current[key] ?? {}) as Record<string, unknown>;
      const after = Object.fromEntries(
        Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== ""),
      );
      (merged as Record<string, unknown>)[key] = { ...before, ...after };
    } else {
      (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}
