import type { CrmStore, LeadSendClaim } from "../../../core/ports/crm.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { sqlRows, sqlRun } from "./direct-sql.js";

const CRM_JOBS = ["crm_webhook", "crm_lead"];

/** The CRM's dedupe window and its delivery counts, in the same SQL on PGlite and PostgreSQL. */
export class PrismaCrmStore implements CrmStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One statement takes it: a row sent before `since`, held by this same job, or held by a job that
   * failed or is gone. Otherwise the holder's job says whether it was sent or is still trying.
   */
  async takeLeadSend(claim: LeadSendClaim): Promise<"taken" | "sent" | "busy"> {
    const rows = await sqlRows<{ jobId: string }>(
      this.prisma,
      Prisma.sql`
      INSERT INTO "CrmLeadSend" ("customerId", "department", "jobId", "sentAt")
      VALUES (${claim.customerId}, ${claim.department}, ${claim.jobId}, ${claim.at})
      ON CONFLICT ("customerId", "department") DO UPDATE SET "jobId" = EXCLUDED."jobId", "sentAt" = EXCLUDED."sentAt"
      WHERE "CrmLeadSend"."sentAt" < ${claim.since} OR "CrmLeadSend"."jobId" = EXCLUDED."jobId"
         OR NOT EXISTS (SELECT 1 FROM "ScheduledJob" j
                        WHERE j."id" = "CrmLeadSend"."jobId" AND j."status" IN ('pending', 'running', 'done'))
      RETURNING "jobId"`,
    );
    if (rows.length === 1) return "taken";
    const holder = await sqlRows<{ status: string }>(
      this.prisma,
      Prisma.sql`
      SELECT j."status" FROM "CrmLeadSend" s JOIN "ScheduledJob" j ON j."id" = s."jobId"
      WHERE s."customerId" = ${claim.customerId} AND s."department" = ${claim.department}`,
    );
    return holder[0]?.status === "pending" || holder[0]?.status === "running" ? "busy" : "sent";
  }

  async releaseLeadSend(claim: LeadSendClaim): Promise<void> {
    await sqlRun(
      this.prisma,
      Prisma.sql`
      DELETE FROM "CrmLeadSend" WHERE "customerId" = ${claim.customerId} AND "department" = ${claim.department} AND "jobId" = ${claim.jobId}`,
    );
  }

  async deliveryCounts(since: Date, dealershipId?: string): Promise<{ failed: number; waiting: number }> {
    const rows = await sqlRows<{ failed: number; waiting: number }>(
      this.prisma,
      Prisma.sql`
      SELECT count(*) FILTER (WHERE "status" = 'failed' AND "doneAt" >= ${since})::int AS failed,
             count(*) FILTER (WHERE "status" IN ('pending', 'running'))::int AS waiting
      FROM "ScheduledJob"
      WHERE "status" IN ('failed', 'pending', 'running') AND "type" = ANY(${CRM_JOBS}::text[])
        ${dealershipId ? Prisma.sql`AND "dealershipId" = ${dealershipId}` : Prisma.empty}`,
    );
    return { failed: Number(rows[0]?.failed ?? 0), waiting: Number(rows[0]?.waiting ?? 0) };
  }
}
