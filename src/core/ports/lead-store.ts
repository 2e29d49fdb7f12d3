import type { NewJob } from "./jobs.js";
import type { LeadChannel, LeadVehicle } from "../leads/lead.js";
import type { Department, LeadFields } from "./brain.js";

/** A lead ready to store: read, checked and normalised (phone in E.164). */
export interface NewLead {
  dealershipId: string;
  receivedAt: Date;
  channel: LeadChannel;
  providerName?: string;
  providerLeadId?: string;
  /** Unique per provider lead (`<dealership>:<channel>:<provider>:<id>`): a redelivery finds the first. */
  dedupeKey?: string;
  vendorName?: string;
  vehicle?: LeadVehicle;
  vehicleKey?: string;
  comments?: string;
  /** The customer's number; without one the lead is stored for people to e-mail, with no conversation. */
  phone?: string;
  email?: string;
  customerName?: string;
  smsConsent: boolean;
  consentSource?: string;
  consentText?: string;
  requestedAt?: Date;
  raw?: string;
  /** Merged into the conversation's lead fields. */
  fields: LeadFields;
  /** The conversation's summary when it has none yet. */
  summary: string;
  department: Department;
  /**
   * The first text's starting status: "pending" (consent and a mobile number), "none" (no consent)
   * or "skipped:no_mobile". The store makes a repeat "skipped:repeat": it is never texted twice.
   */
  firstTouch: "pending" | "none" | "skipped:no_mobile";
  /** The same person and vehicle again within this long is a repeat. */
  repeatWindowMs: number;
  /** Written in the same transaction only when the lead opens a new conversation (the outbox); they get its id. */
  jobsIfOpened?: NewJob[];
}

/** new: a new conversation; appended: added to the customer's open one; repeat: same person and vehicle within the window. */
export type LeadKind = "new" | "appended" | "repeat";

export type RecordedLead =
  /** The provider delivered this lead id before: nothing was stored again. */
  | { redelivered: true; leadId: string; conversationId?: string }
  | { redelivered: false; leadId: string; conversationId?: string; kind: LeadKind };

export interface StoredLead {
  id: string;
  dealershipId: string;
  conversationId?: string;
  channel: LeadChannel;
  kind: LeadKind;
  providerName?: string;
  vendorName?: string;
  vehicle?: LeadVehicle;
  comments?: string;
  customerName?: string;
  email?: string;
  smsConsent: boolean;
  firstTouch: string;
  receivedAt: Date;
  firstTouchAt?: Date;
}

/** Leads as they arrived, and how fast each was first texted. */
export interface LeadStore {
  /**
   * In one transaction: the customer (by phone), their open conversation (or a new one) with
   * the lead fields merged in, and the lead row. A redelivered provider id stores nothing.
   */
  recordLead(lead: NewLead): Promise<RecordedLead>;
  getLead(id: string): Promise<StoredLead | undefined>;
  /** Sets the first text's status; `at` when it was sent (speed to lead). */
  markFirstTouch(id: string, status: string, at?: Date): Promise<void>;
  /** Leads whose first text was planned but never tried (a crash between storing and sending). */
  listPendingFirstTouches(limit: number): Promise<string[]>;
}
