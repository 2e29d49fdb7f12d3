import type { JobPayloadInput } from "../scheduling/job-payloads.js";

/** Kinds of scheduled work. Each has one handler in the job runner, and one payload (see JOB_PAYLOADS). */
export const JOB_TYPES = [
  "nudge",
  "appointment_reminder",
  "rep_followup",
  "rep_wait",
  "escalation",
  "digest",
  "first_touch",
  "post_card",
  "resend",
  "fetch_media",
  "crm_webhook",
  "crm_lead",
] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** A payload as stored: read through readJob (JOB_PAYLOADS) before a handler sees it. */
export type JobPayload = Record<string, unknown>;

interface NewJobFields {
  dealershipId: string;
  conversationId?: string;
  dueAt: Date;
  /** One job per key, whoever schedules it: a second schedule with the same key is a no-op. */
  dedupeKey?: string;
}

/** A job to schedule; its payload is typed by its type, so a wrong one does not compile. */
export type NewJob = { [T in JobType]: NewJobFields & { type: T; payload: JobPayloadInput<T> } }[JobType];

/** A job a worker holds a lease on; its payload is as stored, not yet checked. */
export interface ClaimedJob {
  id: string;
  type: JobType;
  dealershipId: string;
  conversationId?: string;
  dueAt: Date;
  payload: JobPayload;
  /** Claims so far, this one included; reset when the job is deferred. */
  attempts: number;
}

export interface ClaimRequest {
  now: Date;
  limit: number;
  /** How long the claim holds; a worker that dies is replaced once it runs out. */
  leaseMs: number;
  workerId: string;
}

/**
 * Scheduled work in the database. Claims are atomic across replicas: a due job is held by one
 * worker at a time, and a job whose lease ran out goes to the next worker that asks.
 */
export interface JobStore {
  /** False when a job with the same dedupe key exists (in any state). */
  schedule(job: NewJob): Promise<boolean>;
  claimDue(request: ClaimRequest): Promise<ClaimedJob[]>;
  /** Marks the job done; false when this worker no longer holds it (its lease ran out and was taken). */
  complete(id: string, workerId: string, at: Date, result?: string): Promise<boolean>;
  /** Puts the job back for later: a deferral (quiet hours, pacing) or a retry. */
  reschedule(
    id: string,
    workerId: string,
    dueAt: Date,
    options?: { payload?: JobPayload; countsAsAttempt?: boolean; error?: string },
  ): Promise<boolean>;
  fail(id: string, workerId: string, at: Date, error: string): Promise<boolean>;
  /** Cancels a conversation's pending jobs of these types; returns how many. */
  cancel(conversationId: string, types: readonly JobType[], at: Date, reason: string): Promise<number>;
  /**
   * Takes the dealership's next sending slot at or after `notBefore`, `spacingMs` after the
   * previous one: atomic in the database, so replicas share one pace.
   */
  reserveSendSlot(dealershipId: string, notBefore: Date, spacingMs: number): Promise<Date>;
}
