import {
  JOB_TYPES,
  type ClaimedJob,
  type ClaimRequest,
  type JobPayload,
  type JobStore,
  type JobType,
  type NewJob,
} from "../../../core/ports/jobs.js";
import { randomUUID } from "node:crypto";
import { StatementBatch } from "./statement-batch.js";
import { sqlRows, sqlRun } from "./direct-sql.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { jsonb, setList } from "./sql-set.js";

interface ClaimedRow {
  id: string;
  type: string;
  dealershipId: string;
  conversationId: string | null;
  dueAt: Date;
  payload: unknown;
  attempts: number;
}

/** One conversation's pending jobs of these types, cancelled: a row of the batched UPDATE. */
interface Cancel {
  conversationId: string;
  types: readonly JobType[];
  at: Date;
  reason: string;
}

/** A job's end, as written by one row of the batched UPDATE. */
interface Finish {
  id: string;
  workerId: string;
  status: "done" | "failed";
  at: Date;
  result: string | null;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(JOB_TYPES);

/** Scheduled jobs and the sending pace, in the same SQL on PGlite and PostgreSQL. */
export class PrismaJobStore implements JobStore {
  /** Jobs planned in the same turn of the event loop (a nudge after each of many answers) share one INSERT. */
  private readonly planned = new StatementBatch<NewJob, boolean>((jobs) => this.insert(jobs));
  /** Cancellations at the same moment (a customer's text to each of many conversations) share one UPDATE. */
  private readonly cancelled = new StatementBatch<Cancel, number>((rows) => this.cancelAll(rows));

  constructor(private readonly prisma: PrismaClient) {}

  /** True when the job is new (its dedupe key was free). */
  schedule(job: NewJob): Promise<boolean> {
    return this.planned.add(job);
  }

  private async insert(jobs: NewJob[]): Promise<boolean[]> {
    const ids = jobs.map(() => randomUUID());
    const rows = await sqlRows<{ id: string }>(
      this.prisma,
      Prisma.sql`
      INSERT INTO "ScheduledJob" ("id", "type", "dealershipId", "conversationId", "dueAt", "payload", "dedupeKey", "createdAt")
      SELECT j."id", j."type", j."dealershipId", NULLIF(j."conversationId", ''), j."dueAt"::timestamp(3), j."payload"::jsonb, NULLIF(j."dedupeKey", ''), ${new Date()}
      FROM unnest(${ids}::text[], ${jobs.map((j) => j.type)}::text[], ${jobs.map((j) => j.dealershipId)}::text[],
        ${jobs.map((j) => j.conversationId ?? "")}::text[], ${jobs.map((j) => j.dueAt.toISOString())}::text[],
        ${jobs.map((j) => JSON.stringify(j.payload ?? {}))}::text[], ${jobs.map((j) => j.dedupeKey ?? "")}::text[]
      ) WITH ORDINALITY AS j("id", "type", "dealershipId", "conversationId", "dueAt", "payload", "dedupeKey", "position")
      ORDER BY j."position"
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "id"`,
    );
    const inserted = new Set(rows.map((r) => r.id));
    return ids.map((id) => inserted.has(id));
  }

  /**
   * One statement: pick due jobs (or running ones whose lease ran out), skipping rows another
   * worker has locked this instant, and take them with a lease. The (status, dueAt) index keeps
   * the scan to what is due, however many conversations there are.
   */
  async claimDue({ now, limit, leaseMs, workerId }: ClaimRequest): Promise<ClaimedJob[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const rows = await sqlRows<ClaimedRow>(
      this.prisma,
      Prisma.sql`
      UPDATE "ScheduledJob"
      SET "status" = 'running', "attempts" = "attempts" + 1, "leaseUntil" = ${leaseUntil}, "lockedBy" = ${workerId}
      WHERE "id" IN (
        SELECT "id" FROM "ScheduledJob"
        WHERE ("status" = 'pending' AND "dueAt" <= ${now})
           OR ("status" = 'running' AND "leaseUntil" < ${now})
        ORDER BY "dueAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id", "type", "dealershipId", "conversationId", "dueAt", "payload", "attempts"`,
    );
    return rows
      .filter((row) => KNOWN_TYPES.has(row.type))
      .map((row) => ({
        id: row.id,
        type: row.type as JobType,
        dealershipId: row.dealershipId,
        conversationId: row.conversationId ?? undefined,
        dueAt: new Date(row.dueAt),
        payload: (typeof row.payload === "string" ? JSON.parse(row.payload) : (row.payload ?? {})) as JobPayload,
        attempts: Number(row.attempts),
      }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /** Jobs finished in the same turn of the event loop (a tick runs a batch at once) share one UPDATE. */
  private readonly finished = new StatementBatch<Finish, boolean>((rows) => this.finish(rows));

  complete(id: string, workerId: string, at: Date, result?: string): Promise<boolean> {
    return this.finished.add({ id, workerId, status: "done", at, result: result ?? null });
  }

  fail(id: string, workerId: string, at: Date, error: string): Promise<boolean> {
    return this.finished.add({ id, workerId, status: "failed", at, result: error.slice(0, 500) });
  }

  /** Each row changes only while this worker still holds it; true for the rows that did. */
  private async finish(rows: Finish[]): Promise<boolean[]> {
    const changed = await sqlRows<{ id: string }>(
      this.prisma,
      Prisma.sql`
      UPDATE "ScheduledJob" j SET "status" = v."status", "doneAt" = v."at"::timestamp(3), "leaseUntil" = NULL, "result" = v."result"
      FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.workerId)}::text[], ${rows.map((r) => r.status)}::text[],
        ${rows.map((r) => r.at.toISOString())}::text[], ${rows.map((r) => r.result)}::text[]) AS v("id", "workerId", "status", "at", "result")
      WHERE j."id" = v."id" AND j."lockedBy" = v."workerId" AND j."status" = 'running'
      RETURNING j."id"`,
    );
    const ids = new Set(changed.map((r) => r.id));
    return rows.map((r) => ids.has(r.id));
  }

  async reschedule(
    id: string,
    workerId: string,
    dueAt: Date,
    options: { payload?: JobPayload; countsAsAttempt?: boolean; error?: string } = {},
  ): Promise<boolean> {
    const changed = await sqlRun(
      this.prisma,
      Prisma.sql`
      UPDATE "ScheduledJob" SET ${setList({
        status: "pending",
        dueAt,
        leaseUntil: null,
        lockedBy: null,
        payload: options.payload ? jsonb(options.payload) : undefined,
        // A deferral is progress, not a failure: the retry budget starts over.
        attempts: options.countsAsAttempt ? undefined : 0,
        result: options.error?.slice(0, 500),
      })}
      WHERE "id" = ${id} AND "lockedBy" = ${workerId} AND "status" = 'running'`,
    );
    return changed === 1;
  }

  async cancel(conversationId: string, types: readonly JobType[], at: Date, reason: string): Promise<number> {
    if (types.length === 0) return 0;
    return this.cancelled.add({ conversationId, types, at, reason });
  }

  /**
   * Each row cancels its conversation's pending jobs of its types and counts them. A job two rows
   * name goes to the earlier one, as if they had run one after the other.
   */
  private async cancelAll(rows: Cancel[]): Promise<number[]> {
    const counts = await sqlRows<{ position: bigint; count: bigint }>(
      this.prisma,
      Prisma.sql`
      WITH v AS (
        SELECT * FROM unnest(${rows.map((r) => r.conversationId)}::text[], ${rows.map((r) => r.types.join(","))}::text[],
          ${rows.map((r) => r.at.toISOString())}::text[], ${rows.map((r) => r.reason)}::text[]
        ) WITH ORDINALITY AS v("conversationId", "types", "at", "reason", "position")
      ), picked AS (
        SELECT DISTINCT ON (j."id") j."id", v."position", v."at", v."reason"
        FROM v JOIN "ScheduledJob" j
          ON j."conversationId" = v."conversationId" AND j."type" = ANY(string_to_array(v."types", ',')) AND j."status" = 'pending'
        ORDER BY j."id", v."position"
      ), cancelled AS (
        UPDATE "ScheduledJob" j SET "status" = 'cancelled', "doneAt" = p."at"::timestamp(3), "result" = p."reason"
        FROM picked p WHERE j."id" = p."id" AND j."status" = 'pending'
        RETURNING p."position"
      )
      SELECT "position", count(*) AS "count" FROM cancelled GROUP BY "position"`,
    );
    const byPosition = new Map(counts.map((c) => [Number(c.position), Number(c.count)]));
    return rows.map((_, i) => byPosition.get(i + 1) ?? 0);
  }

  /** Upsert with GREATEST: the slot is max(previous slot + spacing, notBefore), taken atomically. */
  async reserveSendSlot(dealershipId: string, notBefore: Date, spacingMs: number): Promise<Date> {
    const spacing = spacingMs / 1000;
    const rows = await sqlRows<{ slot: Date }>(
      this.prisma,
      Prisma.sql`
      INSERT INTO "SendPacer" ("dealershipId", "nextSlotAt")
      VALUES (${dealershipId}, ${notBefore}::timestamp(3) + make_interval(secs => ${spacing}::float8))
      ON CONFLICT ("dealershipId") DO UPDATE
        SET "nextSlotAt" = GREATEST("SendPacer"."nextSlotAt", ${notBefore}::timestamp(3)) + make_interval(secs => ${spacing}::float8)
      RETURNING ("nextSlotAt" - make_interval(secs => ${spacing}::float8)) AS slot`,
    );
    return new Date(rows[0]!.slot);
  }
}
