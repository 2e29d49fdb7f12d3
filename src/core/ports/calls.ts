import type { NewJob } from "./jobs.js";

/** How a call that reached no one ended: Twilio's DialCallStatus, or a number with no line to ring. */
export type MissedDial = "no-answer" | "busy" | "failed" | "canceled" | "text_only";

/**
 * What Baton does about a missed call, as stored: `text_pending` and `owner_pending` wait for the
 * work after the webhook (taken: `*_taken`); the rest are how it ended.
 */
export type TextBackState =
  /** Stored, not yet decided: nothing may act on it until it is. */
  | "deciding"
  | "text_pending"
  | "text_taken"
  | "owner_pending"
  | "owner_taken"
  | "sent"
  | "owner_told"
  | "cooldown"
  | "opted_out"
  | "cannot_text"
  | "failed";

export interface MissedCallRecord {
  callSid: string;
  dealershipId: string;
  /** The caller, E.164. */
  phone: string;
  dialStatus: MissedDial;
  endedAt: Date;
  /** The CRM's outbox jobs when the call opens a conversation (written in the same statement). */
  jobsIfOpened?: NewJob[];
}

export interface StoredCall {
  callSid: string;
  dealershipId: string;
  customerId: string;
  conversationId?: string;
  dialStatus: MissedDial;
  endedAt: Date;
  textBack: TextBackState;
  textBackAt?: Date;
  recordingUrl?: string;
  recordingSeconds?: number;
}

/** Missed calls: stored before Twilio gets its answer, acted on once after. */
export interface CallStore {
  /**
   * Stores the missed call (once per CallSid) with the caller's customer and open conversation,
   * found or opened in the same statement; `opened` when this call opened it.
   */
  recordMissedCall(
    call: MissedCallRecord,
  ): Promise<{ call: StoredCall; conversationId: string; customerId: string; opened: boolean; duplicate: boolean }>;
  /** Takes the caller's text-back for `at`, unless one was taken at or after `notSince`: one per cooldown, across replicas. */
  takeTextBackSlot(customerId: string, at: Date, notSince: Date): Promise<boolean>;
  /** Gives back the slot taken for `at` (no text went), unless a later call has taken it since. */
  releaseTextBackSlot(customerId: string, at: Date): Promise<void>;
  /** Records the decision of a call still `deciding`; false when another decided it first. */
  decide(callSid: string, textBack: TextBackState): Promise<boolean>;
  /** Moves a pending action to taken for this caller of it; undefined when another has it or it is done. */
  takeAction(callSid: string, at: Date, staleBefore: Date): Promise<StoredCall | undefined>;
  /** How the action ended. */
  finish(callSid: string, textBack: TextBackState, at: Date): Promise<void>;
  getCall(callSid: string): Promise<StoredCall | undefined>;
  /** A text-back the carrier reported undelivered, by its message: the call it answered, now `state`; undefined if none. */
  markUndelivered(messageId: string, state: TextBackState, at: Date): Promise<StoredCall | undefined>;
  /** Calls whose action was never done (a crash): deciding or pending since before `endedBefore`, or taken and stale. */
  listUnfinished(endedBefore: Date, limit: number): Promise<string[]>;
  /** The voicemail's recording, on the call it belongs to. */
  attachRecording(callSid: string, url: string, seconds: number | undefined): Promise<StoredCall | undefined>;
}
