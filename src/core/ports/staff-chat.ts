import type { Department, HandoffReason, LeadFields } from "./brain.js";

/** Where a conversation's card lives in the staff chat. */
export interface ThreadRef {
  /** Adapter name, e.g. "slack". */
  chat: string;
  channel: string;
  ts: string;
}

export interface CardMessage {
  author: "customer" | "ai" | "rep" | "system";
  authorName?: string;
  body: string;
  at: Date;
}

/** Everything a handoff card shows, independent of Slack or Teams. */
export interface HandoffCard {
  conversationId: string;
  /** Which rooftop: the adapter routes the card to that store's channel. */
  dealershipId: string;
  dealershipName: string;
  customerFirstName?: string;
  maskedPhone: string;
  department: Department;
  status: "ai" | "pending" | "claimed" | "resolved";
  reason?: HandoffReason;
  reasonText: string;
  summary: string;
  lead: LeadFields;
  lastMessages: CardMessage[];
  owner?: { id: string; name: string };
  /** How long the customer waited between the handoff and the claim. */
  waitedMs?: number;
  optedOut: boolean;
  /** A resolved conversation this one continues. */
  previousThread?: ThreadRef;
}

export interface ThreadPost {
  kind: "customer" | "system" | "ai" | "warning";
  text: string;
}

/** A team chat (Slack, Teams) where people see handoffs and claim them. */
export interface StaffChat {
  readonly name: string;
  /** Posts a new card in the channel for this department; returns where it lives. */
  postCard(card: HandoffCard): Promise<ThreadRef>;
  /** Redraws the card in place for everyone. */
  updateCard(thread: ThreadRef, card: HandoffCard): Promise<void>;
  /** Adds a line in the card's thread. */
  postInThread(thread: ThreadRef, post: ThreadPost): Promise<void>;
  /** Tells one person something only they see (an ephemeral message). */
  tellUser(thread: ThreadRef, userId: string, text: string): Promise<void>;
}
