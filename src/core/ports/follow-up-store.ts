import type { DigestRows } from "../follow-up/digest.js";
import type { NewJob } from "./jobs.js";

export type AppointmentKind = "test_drive" | "service" | "visit";

export interface Appointment {
  id: string;
  conversationId: string;
  dealershipId: string;
  kind: AppointmentKind;
  at: Date;
  note?: string;
  /** "ai" or "rep:<id>". */
  source: string;
  status: "scheduled" | "replaced" | "cancelled";
}

export type NewAppointment = Omit<Appointment, "id" | "status">;

/** What follow-ups, escalations and the digest read and write besides the conversation itself. */
export interface FollowUpStore {
  /**
   * Keeps one scheduled appointment per conversation: the same one again is a no-op
   * (`created: false`); a different time replaces the earlier one (its id in `replaced`).
   */
  saveAppointment(
    appointment: NewAppointment,
    /** Written in the same transaction, only when the appointment is new (the outbox). */
    jobs?: NewJob[],
  ): Promise<{ appointment: Appointment; created: boolean; replaced: string[] }>;
  getAppointment(id: string): Promise<Appointment | undefined>;
  /** When the customer last texted in this conversation. */
  lastCustomerTextAt(conversationId: string): Promise<Date | undefined>;
  /** True when a person texted the customer from the thread at or after `since`. */
  repRepliedSince(conversationId: string, since: Date): Promise<boolean>;
  /** Flags the conversation for managers once; false when it already was. */
  flagConversation(conversationId: string, reason: string, at: Date): Promise<boolean>;
  /** Claimed conversations of this owner whose card is in this channel, newest first. */
  findOwnedInChannel(chat: string, channel: string, ownerId: string): Promise<string[]>;
  loadDigestRows(dealershipId: string, from: Date, to: Date): Promise<DigestRows>;
}
