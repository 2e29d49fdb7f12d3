import { randomUUID } from "node:crypto";
import type { NewJob } from "../../../core/ports/jobs.js";
import type { JobsToCancel } from "../../../core/ports/store.js";
import { Prisma } from "./generated/client.js";

/**
 * An outbox: jobs written by the same statement as the state change they announce (a move, an
 * opt-out, a new conversation), as one more CTE. `from` names the CTE holding the changed row:
 * no row, no jobs; so a move that lost its race announces nothing, and a job is never left
 * without its change. A job without a conversation takes the changed row's "id" (a conversation
 * opened by this very statement). A taken dedupe key is a no-op.
 */
export function outboxCte(
  jobs: readonly NewJob[] | undefined,
  from: string,
  where: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  if (!jobs || jobs.length === 0) return Prisma.empty;
  const source = Prisma.raw(`"${from}"`);
  return Prisma.sql`, outbox AS (
    INSERT INTO "ScheduledJob" ("id", "type", "dealershipId", "conversationId", "dueAt", "payload", "dedupeKey", "createdAt")
    SELECT j."id", j."type", j."dealershipId", COALESCE(NULLIF(j."conversationId", ''), ${source}."id"), j."dueAt"::timestamp(3), j."payload"::jsonb, NULLIF(j."dedupeKey", ''), ${new Date()}
    FROM ${source}, unnest(
      ${jobs.map(() => randomUUID())}::text[], ${jobs.map((j) => j.type)}::text[], ${jobs.map((j) => j.dealershipId)}::text[],
      ${jobs.map((j) => j.conversationId ?? "")}::text[], ${jobs.map((j) => j.dueAt.toISOString())}::text[],
      ${jobs.map((j) => JSON.stringify(j.payload ?? {}))}::text[], ${jobs.map((j) => j.dedupeKey ?? "")}::text[]
    ) AS j("id", "type", "dealershipId", "conversationId", "dueAt", "payload", "dedupeKey")
    ${where}
    ON CONFLICT ("dedupeKey") DO NOTHING
  )`;
}

/** The same jobs as their own statement, inside a transaction that made the change (see saveAppointment). */
export async function insertJobs(
  tx: { $executeRaw: (query: Prisma.Sql) => Promise<number> },
  jobs: readonly NewJob[] | undefined,
): Promise<void> {
  if (!jobs || jobs.length === 0) return;
  await tx.$executeRaw(Prisma.sql`WITH one AS (SELECT NULL::text AS "id") ${outboxCte(jobs, "one")} SELECT 1`);
}

/**
 * The other half of an outbox: pending jobs the change makes moot, cancelled by the same
 * statement, as one more CTE. `from` names the CTE holding the changed rows (their
 * "conversationId"): no row, nothing cancelled.
 */
export function cancelJobsCte(cancels: JobsToCancel | undefined, from: string): Prisma.Sql {
  if (!cancels || cancels.types.length === 0) return Prisma.empty;
  return Prisma.sql`, cancelled AS (
    UPDATE "ScheduledJob" SET "status" = 'cancelled', "doneAt" = ${cancels.at}, "result" = ${cancels.reason}
    WHERE "conversationId" IN (SELECT "conversationId" FROM ${Prisma.raw(`"${from}"`)})
      AND "type" IN (${Prisma.join([...cancels.types])}) AND "status" = 'pending'
  )`;
}
