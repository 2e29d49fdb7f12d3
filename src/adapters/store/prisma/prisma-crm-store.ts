import type { CrmStore, LeadSendClaim } from "../../../core/ports/crm.js";
import { Prisma, type PrismaClient } from "./generated/client.js";

const CRM_JOBS = ["crm_webhook", "crm_lead"];

/** The CRM's dedupe window and its delivery counts, in the same SQL on PGlite and PostgreSQL. */
export class PrismaCrmStore implements CrmStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** One statement: a row sent before `since` (or held by this same job) is taken; a newer one stays. */
  async takeLeadSend(claim: LeadSendClaim): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ jobId: string }[]>`
      INSERT INTO "CrmLeadSend" ("customerId", "department", "jobId", "sentAt")
      VALUES (${claim.customerId}, ${claim.department}, ${claim.jobId}, ${claim.at})
      ON CONFLICT ("customerId", "department") DO UPDATE SET "jobId" = EXCLUDED."jobId", "sentAt" = EXCLUDED."sentAt"
      WHERE "CrmLeadSend"."sentAt" < ${claim.since} OR "CrmLeadSend"."jobId" = EXCLUDED."jobId"
      RETURNING "jobId"`;
    return rows.length === 1;
  }

  async releaseLeadSend(claim: LeadSendClaim): Promise<void> {
    await this.prisma.$executeRaw`
      DELETE FROM "CrmLeadSend" WHERE "customerId" = ${claim.customerId} AND "department" = ${claim.department} AND "jobId" = ${claim.jobId}`;
  }

  async deliveryCounts(since: Date, dealershipId?: string): Promise<{ failed: number; waiting: number }> {
    const rows = await this.prisma.$queryRaw<{ failed: number; waiting: number }[]>`
      SELECT count(*) FILTER (WHERE "status" = 'failed' AND "doneAt" >= ${since})::int AS failed,
             count(*) FILTER (WHERE "status" IN ('pending', 'running'))::int AS waiting
      FROM "ScheduledJob"
      WHERE "status" IN ('failed', 'pending', 'running') AND "type" = ANY(${CRM_JOBS}::text[])
        ${dealershipId ? Prisma.sql`AND "dealershipId" = ${dealershipId}` : Prisma.empty}`;
    return { failed: Number(rows[0]?.failed ?? 0), waiting: Number(rows[0]?.waiting ?? 0) };
  }
}
