import { z } from "zod";
import type { ClaimedJob, JobType } from "../ports/jobs.js";
import { CRM_EVENT_TYPES } from "../crm/crm-event.js";
import { DEPARTMENTS } from "../ports/brain.js";

/** A time as jobs store it (Date.toISOString()); anything Date.parse reads is taken, as before. */
const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)), { message: "expected an ISO date-time" });

/** The sending slot a deferred text already holds (see SendPacing), set when the job is deferred. */
const slotAt = isoTime.optional();

/**
 * What each job type carries, checked when a job is read (see readJob) and when it is scheduled
 * (NewJob is typed by these). Rows already in databases must still read: a field added later is
 * optional, with the default the handlers used before it existed. Keys not listed are ignored.
 */
export const JOB_PAYLOADS = {
  nudge: z.object({
    /** The AI reply that started the silence: one series of nudges per silence. */
    series: z.string().min(1),
    silenceStart: isoTime,
    attempt: z.number().int().min(1),
    question: z.string().optional(),
    slotAt,
  }),
  appointment_reminder: z.object({
    appointmentId: z.string().min(1),
    /** How long before the appointment it goes; without it, worded as a reminder close to the time. */
    leadTimeMs: z.number().min(0).default(0),
    slotAt,
  }),
  rep_followup: z.object({
    repId: z.string().optional(),
    repName: z.string(),
    note: z.string().optional(),
    requestedAt: isoTime,
    slotAt,
  }),
  rep_wait: z.object({ waitingSince: isoTime }),
  escalation: z.object({
    step: z.union([z.literal(1), z.literal(2)]),
    /** The handoff it is for: a newer handoff makes it a no-op. */
    handoffAt: isoTime,
    targetMs: z.number().positive(),
  }),
  digest: z.object({ day: z.iso.date() }),
  first_touch: z.object({ leadId: z.string().min(1), slotAt }),
  post_card: z.object({ tries: z.number().int().min(1).default(1) }),
  resend: z.object({
    messageId: z.string().min(1),
    retry: z.number().int().min(1).default(1),
    /** An earlier try may have gone out: ask the provider before sending again. */
    askFirst: z.boolean().default(false),
  }),
  fetch_media: z.object({
    /** The texts whose files the provider did not give at first. */
    messageIds: z.array(z.string().min(1)).min(1),
    tries: z.number().int().min(1).default(1),
  }),
  crm_webhook: z.object({
    /** The receiver's idempotency key: the same on every retry. */
    eventId: z.string().min(1),
    event: z.enum(CRM_EVENT_TYPES),
    occurredAt: isoTime,
    /** The event's own facts (who claimed, the appointment's time…). */
    data: z.record(z.string(), z.unknown()).default({}),
    tries: z.number().int().min(1).default(1),
  }),
  crm_lead: z.object({
    /** The department the lead is for: one ADF per customer and department in the dedupe window. */
    department: z.enum(DEPARTMENTS),
    /** What made the conversation a lead: a person asked for, an appointment, or name and vehicle learnt. */
    trigger: z.enum(["handoff.requested", "appointment.saved", "lead.qualified"]),
    occurredAt: isoTime,
    tries: z.number().int().min(1).default(1),
  }),
} satisfies { [T in JobType]: z.ZodType };

/** A job's payload as its handler reads it (defaults filled in). */
export type JobPayloadOf<T extends JobType> = z.output<(typeof JOB_PAYLOADS)[T]>;
/** A job's payload as it is scheduled (fields with a default may be left out). */
export type JobPayloadInput<T extends JobType> = z.input<(typeof JOB_PAYLOADS)[T]>;

/** A claimed job whose payload was read and checked for its type. */
export type JobOf<T extends JobType> = Omit<ClaimedJob, "type" | "payload"> & { type: T; payload: JobPayloadOf<T> };
/** Any checked job: `type` tells its payload apart. */
export type AnyJob = { [T in JobType]: JobOf<T> }[JobType];

/**
 * Reads a claimed job's payload for its type. A payload that does not fit (a row written by hand,
 * or by a Baton that stored something else) comes back as an error naming the job and the field.
 */
export function readJob(job: ClaimedJob): { job: AnyJob } | { error: string } {
  const schema = JOB_PAYLOADS[job.type] as (typeof JOB_PAYLOADS)[JobType] | undefined;
  if (!schema) return { error: `job ${job.id} has a type Baton does not know: ${job.type}` };
  const parsed = schema.safeParse(job.payload);
  if (parsed.success) return { job: { ...job, payload: parsed.data } as AnyJob };
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`);
  return { error: `${job.type} job ${job.id} has an invalid payload: ${problems.join("; ")}` };
}
