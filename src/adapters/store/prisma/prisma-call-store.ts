import { randomUUID } from "node:crypto";
import type { CallStore, MissedCallRecord, MissedDial, StoredCall, TextBackState } from "../../../core/ports/calls.js";
import { sqlRows, sqlRun } from "./direct-sql.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { outboxCte } from "./outbox-jobs.js";
import { findOrCreateCustomer } from "./customer-cte.js";

interface CallRow {
  callSid: string;
  dealershipId: string;
  customerId: string;
  conversationId: string | null;
  dialStatus: string;
  endedAt: Date;
  textBack: string;
  textBackAt: Date | null;
  recordingUrl: string | null;
  recordingSeconds: number | null;
}

const CALL_COLUMNS = Prisma.raw(
  `"callSid", "dealershipId", "customerId", "conversationId", "dialStatus", "endedAt", "textBack", "textBackAt", "recordingUrl", "recordingSeconds"`,
);

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toCall(row: CallRow): StoredCall {
  return {
    callSid: row.callSid,
    dealershipId: row.dealershipId,
    customerId: row.customerId,
    conversationId: opt(row.conversationId),
    dialStatus: row.dialStatus as MissedDial,
    endedAt: row.endedAt,
    textBack: row.textBack as TextBackState,
    textBackAt: opt(row.textBackAt),
    recordingUrl: opt(row.recordingUrl),
    recordingSeconds: opt(row.recordingSeconds),
  };
}

/** What each pending action becomes when taken. */
const TAKEN: Partial<Record<TextBackState, TextBackState>> = {
  text_pending: "text_taken",
  owner_pending: "owner_taken",
};

/** Missed calls in the same SQL on PGlite and PostgreSQL. */
export class PrismaCallStore implements CallStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One statement, as an inbound text's: the caller's customer and open conversation are found or
   * opened with INSERT … ON CONFLICT (replicas racing settle in the database), the call is stored
   * once per CallSid, and a redelivered CallSid stores nothing and opens nothing.
   */
  async recordMissedCall(call: MissedCallRecord) {
    const now = new Date();
    const rows = await sqlRows<CallRow & { opened: boolean }>(
      this.prisma,
      Prisma.sql`
      WITH customer AS (${findOrCreateCustomer(call.dealershipId, call.phone, now)}
      ), conversation AS (
        INSERT INTO "Conversation" ("id", "dealershipId", "customerId", "previousConversationId", "startedByCallAt", "createdAt", "updatedAt")
        SELECT ${randomUUID()}, ${call.dealershipId}, customer."id",
          (SELECT p."id" FROM "Conversation" p WHERE p."customerId" = customer."id" ORDER BY p."createdAt" DESC LIMIT 1),
          ${call.endedAt}, ${now}, ${now}
        FROM customer
        WHERE NOT EXISTS (SELECT 1 FROM "PhoneCall" WHERE "callSid" = ${call.callSid})
        ON CONFLICT ("customerId") WHERE "status" <> 'resolved'
        DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt"
        RETURNING "id", "previousConversationId", (xmax = 0) AS "created"
      ), call AS (
        INSERT INTO "PhoneCall" ("callSid", "dealershipId", "customerId", "conversationId", "dialStatus", "endedAt", "textBack", "createdAt")
        SELECT ${call.callSid}, ${call.dealershipId}, customer."id", conversation."id", ${call.dialStatus}, ${call.endedAt}, 'deciding', ${now}
        FROM customer, conversation
        ON CONFLICT ("callSid") DO NOTHING
        RETURNING ${CALL_COLUMNS}
      ), reopened AS (
        INSERT INTO "ConversationEvent" ("id", "conversationId", "type", "actor", "data", "createdAt")
        SELECT ${randomUUID()}, conversation."id", 'reopened', 'customer', jsonb_build_object('previousConversationId', conversation."previousConversationId", 'by', 'missed_call'), ${call.endedAt}
        FROM conversation
        WHERE conversation."created" AND conversation."previousConversationId" IS NOT NULL
      ) ${outboxCte(call.jobsIfOpened, "conversation", Prisma.sql`WHERE "conversation"."created"`)}
      SELECT call.*, conversation."created" AS "opened" FROM call, conversation`,
    );
    const stored = rows[0];
    if (stored)
      return {
        call: toCall(stored),
        conversationId: stored.conversationId!,
        customerId: stored.customerId,
        opened: stored.opened,
        duplicate: false,
      };
    // Twilio called the same CallSid's action again (a retry): the first one's record stands.
    const first = await this.getCall(call.callSid);
    if (!first?.conversationId) throw new Error(`missed call ${call.callSid} was neither stored nor found`);
    return {
      call: first,
      conversationId: first.conversationId,
      customerId: first.customerId,
      opened: false,
      duplicate: true,
    };
  }

  async takeTextBackSlot(customerId: string, at: Date, notSince: Date): Promise<boolean> {
    const taken = await sqlRun(
      this.prisma,
      Prisma.sql`
      UPDATE "Customer" SET "lastTextBackAt" = ${at}
      WHERE "id" = ${customerId} AND ("lastTextBackAt" IS NULL OR "lastTextBackAt" < ${notSince})`,
    );
    return taken === 1;
  }

  async releaseTextBackSlot(customerId: string, at: Date): Promise<void> {
    await sqlRun(
      this.prisma,
      Prisma.sql`
      UPDATE "Customer" SET "lastTextBackAt" = NULL WHERE "id" = ${customerId} AND "lastTextBackAt" = ${at}`,
    );
  }

  async decide(callSid: string, textBack: TextBackState): Promise<boolean> {
    const decided = await sqlRun(
      this.prisma,
      Prisma.sql`
      UPDATE "PhoneCall" SET "textBack" = ${textBack} WHERE "callSid" = ${callSid} AND "textBack" = 'deciding'`,
    );
    return decided === 1;
  }

  async markUndelivered(messageId: string, state: TextBackState, at: Date): Promise<StoredCall | undefined> {
    const rows = await sqlRows<CallRow>(
      this.prisma,
      Prisma.sql`
      UPDATE "PhoneCall" p SET "textBack" = ${state}, "textBackAt" = ${at}
      FROM "Message" m
      WHERE m."id" = ${messageId} AND m."idempotencyKey" = 'missed_call:' || p."callSid" AND p."textBack" = 'sent'
      RETURNING p."callSid", p."dealershipId", p."customerId", p."conversationId", p."dialStatus", p."endedAt",
        p."textBack", p."textBackAt", p."recordingUrl", p."recordingSeconds"`,
    );
    return rows[0] && toCall(rows[0]);
  }

  /** Pending → taken in one UPDATE, so one replica acts; a taken one left since `staleBefore` (a crash) may be taken again. */
  async takeAction(callSid: string, at: Date, staleBefore: Date): Promise<StoredCall | undefined> {
    const rows = await sqlRows<CallRow>(
      this.prisma,
      Prisma.sql`
      UPDATE "PhoneCall" SET
        "textBack" = CASE WHEN "textBack" IN ('text_pending', 'text_taken') THEN 'text_taken' ELSE 'owner_taken' END,
        "textBackAt" = ${at}
      WHERE "callSid" = ${callSid}
        AND ("textBack" IN ('text_pending', 'owner_pending')
             OR ("textBack" IN ('text_taken', 'owner_taken') AND "textBackAt" < ${staleBefore}))
      RETURNING ${CALL_COLUMNS}`,
    );
    return rows[0] && toCall(rows[0]);
  }

  async finish(callSid: string, textBack: TextBackState, at: Date): Promise<void> {
    await sqlRun(
      this.prisma,
      Prisma.sql`
      UPDATE "PhoneCall" SET "textBack" = ${textBack}, "textBackAt" = ${at} WHERE "callSid" = ${callSid}`,
    );
  }

  async getCall(callSid: string): Promise<StoredCall | undefined> {
    const rows = await sqlRows<CallRow>(
      this.prisma,
      Prisma.sql`
      SELECT ${CALL_COLUMNS} FROM "PhoneCall" WHERE "callSid" = ${callSid}`,
    );
    return rows[0] && toCall(rows[0]);
  }

  async listUnfinished(endedBefore: Date, limit: number): Promise<string[]> {
    const rows = await sqlRows<{ callSid: string }>(
      this.prisma,
      Prisma.sql`
      SELECT "callSid" FROM "PhoneCall"
      WHERE "textBack" IN ('deciding', 'text_pending', 'owner_pending', 'text_taken', 'owner_taken') AND "endedAt" < ${endedBefore}
      ORDER BY "endedAt" LIMIT ${limit}`,
    );
    return rows.map((r) => r.callSid);
  }

  async attachRecording(callSid: string, url: string, seconds: number | undefined): Promise<StoredCall | undefined> {
    const rows = await sqlRows<CallRow>(
      this.prisma,
      Prisma.sql`
      UPDATE "PhoneCall" SET "recordingUrl" = ${url}, "recordingSeconds" = ${seconds ?? null}
      WHERE "callSid" = ${callSid}
      RETURNING ${CALL_COLUMNS}`,
    );
    return rows[0] && toCall(rows[0]);
  }
}
