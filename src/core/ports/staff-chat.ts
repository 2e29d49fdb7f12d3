import type { Department, HandoffReason, LeadFields } from "./brain.js";
import type { MediaFile } from "./media.js";

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
  /** Why managers were alerted (frustration, complaint); shown prominently. */
  flag?: string;
  /** Where the lead came from, when the conversation started as a web or ADF lead. */
  leadSource?: CardLeadSource;
}

/** A lead's origin as the card shows it: everything the form or the provider said. */
export interface CardLeadSource {
  /** "ADF lead from Cars.com", "Website form". */
  origin: string;
  provider?: string;
  vendor?: string;
  /** "2025 Toyota Tacoma TRD Off-Road, stock 45821 (new; interest: buy)". */
  vehicle?: string;
  comments?: string;
  /** What Baton did about texting: "First text sent 4s after the lead arrived", "Not texted: no SMS consent…". */
  contact: string;
  receivedAt: Date;
}

export interface ThreadPost {
  kind: "customer" | "system" | "ai" | "warning";
  text: string;
  /** Also show it in the channel, not only in the thread (an escalation re-announced). */
  broadcast?: boolean;
  /** A staff member to notify by name (the owner a customer is waiting for). */
  mention?: string;
}

/** A line for the dealership's managers, with a link to the card when there is one. */
export interface ManagerPost {
  /** "alert": someone should act (escalation, flag); "report": for reading (the digest). @default "alert" */
  kind?: "alert" | "report";
  text: string;
  thread?: ThreadRef;
  /** With no manager channel, post it in the handoff channel rather than nowhere (something a person must act on). */
  orHandoffChannel?: boolean;
}

/** A team chat (Slack, Teams) where people see handoffs and claim them. */
export interface StaffChat {
  readonly name: string;
  /** Posts a new card in the channel for this department; returns where it lives. */
  postCard(card: HandoffCard): Promise<ThreadRef>;
  /**
   * Finds a card already posted for this conversation (a crash between posting it and recording
   * where it lives), so it is linked, not posted twice. Chats that cannot read their channel leave
   * it out: the orphan card is linked when someone clicks it instead.
   */
  findCard?(card: HandoffCard): Promise<ThreadRef | undefined>;
  /** Redraws the card in place for everyone. */
  updateCard(thread: ThreadRef, card: HandoffCard): Promise<void>;
  /** Adds a line in the card's thread. */
  postInThread(thread: ThreadRef, post: ThreadPost): Promise<void>;
  /**
   * Shows files in the card's thread with the words they came with, as one message. Chats that
   * cannot show files leave it out: the thread then gets the words and a count.
   */
  postFiles?(thread: ThreadRef, post: ThreadPost, files: MediaFile[]): Promise<void>;
  /** Tells one person something only they see (an ephemeral message). */
  tellUser(thread: ThreadRef, userId: string, text: string): Promise<void>;
  /**
   * Posts in the dealership's manager channel (escalations, flags, the digest), linking the card.
   * Resolves false when the dealership has no manager channel, so the caller can say so.
   */
  postToManagers(dealershipId: string, post: ManagerPost): Promise<boolean>;
}
