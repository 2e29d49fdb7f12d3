import { randomUUID } from "node:crypto";
import { sqlRows, sqlTransaction } from "./direct-sql.js";
import type { DigestRows } from "../../../core/follow-up/digest.js";
import type {
  Appointment,
  AppointmentKind,
  FollowUpStore,
  NewAppointment,
} from "../../../core/ports/follow-up-store.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import type { NewJob } from "../../../core/ports/jobs.js";
import { outboxCte } from "./outbox-jobs.js";

type AppointmentRow = Prisma.AppointmentGetPayload<object>;

function toAppointment(row: AppointmentRow): Appointment {
  return {
    id: row.id,
    conversationId: row.conversationId,
    dealershipId: row.dealershipId,
    kind: row.kind as AppointmentKind,
    at: row.at,
    note: row.note ?? undefined,
    source: row.source,
    status: row.status as Appointment["status"],
  };
}

/** Appointments, follow-up checks and digest rows, on the same database as the conversations. */
export class PrismaFollowUpStore implements FollowUpStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Plain SQL in one short transaction: the conversation's row is locked first, which serialises
   * appointment changes of one conversation across replicas, then one statement reads the
   * scheduled appointment and, unless it is the same, replaces it and plans the jobs. (The read
   * must come after the lock, in its own statement: one statement's snapshot predates its lock.)
   */
  async saveAppointment(
    a: NewAppointment,
    jobs?: NewJob[],
  ): Promise<{ appointment: Appointment; created: boolean; replaced: string[] }> {
    return sqlTransaction(this.prisma, async (tx) => {
      await tx.rows(Prisma.sql`SELECT id FROM "Conversation" WHERE id = ${a.conversationId} FOR UPDATE`);
      const rows = await tx.rows<AppointmentRow & { created: boolean; replaced: string[] | null }>(Prisma.sql`
        WITH scheduled AS (
          SELECT * FROM "Appointment" WHERE "conversationId" = ${a.conversationId} AND "status" = 'scheduled'
        ), same AS (
          SELECT * FROM scheduled WHERE "kind" = ${a.kind} AND "at" = ${a.at}::timestamp(3) LIMIT 1
        ), replaced AS (
          UPDATE "Appointment" SET "status" = 'replaced'
          WHERE "id" IN (SELECT "id" FROM scheduled) AND NOT EXISTS (SELECT 1 FROM same)
          RETURNING "id"
        ), created AS (
          INSERT INTO "Appointment" ("id", "conversationId", "dealershipId", "kind", "at", "note", "source", "status", "createdAt")
          SELECT ${randomUUID()}, ${a.conversationId}, ${a.dealershipId}, ${a.kind}, ${a.at}::timestamp(3), ${a.note ?? null},
            ${a.source}, 'scheduled', ${new Date()}::timestamp(3)
          WHERE NOT EXISTS (SELECT 1 FROM same)
          RETURNING *
        ), "createdFor" AS (SELECT "conversationId" AS "id" FROM created) ${outboxCte(jobs, "createdFor")}
        SELECT x.*, (SELECT array_agg("id") FROM replaced) AS "replaced"
        FROM (SELECT *, false AS "created" FROM same UNION ALL SELECT *, true AS "created" FROM created) x`);
      const row = rows[0]!;
      return {
        appointment: toAppointment(row),
        created: row.created,
        replaced: row.created ? (row.replaced ?? []) : [],
      };
    });
  }

  async getAppointment(id: string): Promise<Appointment | undefined> {
    const row = await this.prisma.appointment.findUnique({ where: { id } });
    return row ? toAppointment(row) : undefined;
  }

  async lastCustomerTextAt(conversationId: string): Promise<Date | undefined> {
    const row = await this.prisma.conversation.findUnique({
      where: { id: conversationId },
      select: { lastCustomerAt: true },
    });
    return row?.lastCustomerAt ?? undefined;
  }

  async repRepliedSince(conversationId: string, since: Date): Promise<boolean> {
    const row = await this.prisma.message.findFirst({
      where: { conversationId, direction: "outbound", author: "rep", createdAt: { gte: since } },
      select: { id: true },
    });
    return row !== null;
  }

  async flagConversation(conversationId: string, reason: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.conversation.updateMany({
      where: { id: conversationId, flaggedAt: null },
      data: { flaggedAt: at, flagReason: reason },
    });
    return count === 1;
  }

  async findOwnedInChannel(chat: string, channel: string, ownerId: string): Promise<string[]> {
    const rows = await this.prisma.conversation.findMany({
      where: { staffChannel: chat, threadChannel: channel, ownerId, status: "claimed" },
      orderBy: { claimedAt: "desc" },
      select: { id: true },
      take: 20,
    });
    return rows.map((r) => r.id);
  }

  async loadDigestRows(dealershipId: string, from: Date, to: Date): Promise<DigestRows> {
    const period = { gte: from, lt: to };
    const ofDealership = { conversation: { dealershipId } };
    const [firstTexts, inbound, nudges, events, stillUnclaimed, leads, crm, calls] = await Promise.all([
      this.prisma.conversation.findMany({
        where: { dealershipId, firstInboundAt: period },
        select: { id: true, firstInboundAt: true, firstResponseAt: true },
      }),
      this.prisma.message.findMany({
        where: { direction: "inbound", createdAt: period, ...ofDealership },
        select: { conversationId: true, createdAt: true },
      }),
      this.prisma.message.findMany({
        where: {
          direction: "outbound",
          idempotencyKey: { startsWith: "nudge:" },
          // "undelivered": Twilio's word, in rows written before delivery statuses were Baton's.
          status: { notIn: ["failed", "undeliverable", "undelivered"] },
          createdAt: period,
          ...ofDealership,
        },
        select: { conversationId: true, createdAt: true },
      }),
      this.prisma.conversationEvent.findMany({
        where: { type: { in: ["handoff_requested", "claimed", "opted_out"] }, createdAt: period, ...ofDealership },
        select: { conversationId: true, type: true, createdAt: true },
      }),
      this.prisma.conversation.count({ where: { dealershipId, status: "pending" } }),
      this.prisma.lead.findMany({
        where: { dealershipId, receivedAt: period, kind: { not: "repeat" } },
        select: { receivedAt: true, firstTouchAt: true },
      }),
      // Sent ("sent…"/"delivered…") or given up ("failed"); skips (a duplicate, no address) are neither.
      this.prisma.scheduledJob.findMany({
        where: {
          dealershipId,
          type: { in: ["crm_lead", "crm_webhook"] },
          doneAt: period,
          OR: [
            { status: "failed" },
            { status: "done", result: { startsWith: "sent" } },
            { status: "done", result: { startsWith: "delivered" } },
          ],
        },
        select: { type: true, status: true },
      }),
      // The caller's first text after the text-back, whenever it came (the digest may run before a late
      // reply, never after it is counted); a caller who has since opted out is not one recovered.
      sqlRows<{ endedAt: Date; textedBackAt: Date | null; repliedAt: Date | null }>(
        this.prisma,
        Prisma.sql`
        SELECT p."endedAt", CASE WHEN p."textBack" = 'sent' THEN p."textBackAt" END AS "textedBackAt",
          CASE WHEN p."textBack" = 'sent' AND NOT cu."optedOut" THEN (
            SELECT min(m."createdAt") FROM "Message" m
            WHERE m."conversationId" = p."conversationId" AND m."direction" = 'inbound' AND m."createdAt" > p."textBackAt"
          ) END AS "repliedAt"
        FROM "PhoneCall" p JOIN "Customer" cu ON cu."id" = p."customerId"
        WHERE p."dealershipId" = ${dealershipId} AND p."endedAt" >= ${from} AND p."endedAt" < ${to}`,
      ),
    ]);
    return {
      firstTexts: firstTexts.map((c) => ({
        conversationId: c.id,
        receivedAt: c.firstInboundAt!,
        respondedAt: c.firstResponseAt ?? undefined,
      })),
      inbound: inbound.map((m) => ({ conversationId: m.conversationId, at: m.createdAt })),
      nudges: nudges.map((m) => ({ conversationId: m.conversationId, at: m.createdAt })),
      events: events.map((e) => ({ conversationId: e.conversationId, type: e.type, at: e.createdAt })),
      stillUnclaimed,
      leads: leads.map((l) => ({ receivedAt: l.receivedAt, firstTouchAt: l.firstTouchAt ?? undefined })),
      crm: crm.map((j) => ({ kind: j.type === "crm_lead" ? "lead" : "event", delivered: j.status === "done" })),
      calls: calls.map((c) => ({
        endedAt: c.endedAt,
        textedBackAt: c.textedBackAt ?? undefined,
        repliedAt: c.repliedAt ?? undefined,
      })),
    };
  }
}
