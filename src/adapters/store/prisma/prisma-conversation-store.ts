import type { Conversation, StoredMessage } from "../../../core/conversation/conversation.js";
import { allowedFrom, targetOf } from "../../../core/conversation/state-machine.js";
import { sqlRows, sqlRun } from "./direct-sql.js";
import { StatementBatch } from "./statement-batch.js";
import type { TokenUsage } from "../../../core/ports/brain.js";
import type { ThreadRef } from "../../../core/ports/staff-chat.js";
import type {
  ConversationPatch,
  ConversationStore,
  DeliveryUpdate,
  EventRecord,
  InboundSmsRecord,
  ListMessagesOptions,
  MoveRequest,
  OutboundRecord,
  RecordedInbound,
  TakenTurn,
  TurnDue,
} from "../../../core/ports/store.js";
import { randomUUID } from "node:crypto";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { findOrRecord, isUniqueViolation } from "./is-unique-violation.js";
import { toMessage, type MessageFields } from "./map-rows.js";
import {
  MESSAGE_COLUMNS,
  readConversation,
  readConversationToSend,
  takeMessageWithConversation,
} from "./read-conversation.js";
import { recordInbound } from "./record-inbound.js";
import { takeTurn } from "./take-turn.js";
import { jsonb, setList } from "./sql-set.js";
import { HANDLING_LEASE } from "../../../core/conversation/handling-lease.js";
import type { NewJob } from "../../../core/ports/jobs.js";
import { outboxCte } from "./outbox-jobs.js";

/** The one store implementation: the same SQL on embedded PGlite and on PostgreSQL. */
export class PrismaConversationStore implements ConversationStore {
  /** How long a hold on a text lasts without a renewal (HANDLING_LEASE; tests shorten it). */
  private readonly leaseMs: number;

  /** Texts answered in the same turn of the event loop are marked handled by one statement. */
  private readonly finished: StatementBatch<{ id: string; at: Date }>;
  /** The provider's answers to sends in the same turn are written by one statement. */
  private readonly deliveries: StatementBatch<{ id: string; update: DeliveryUpdate }>;

  constructor(
    private readonly prisma: PrismaClient,
    options: { leaseMs?: number } = {},
  ) {
    this.leaseMs = options.leaseMs ?? HANDLING_LEASE.leaseMs;
    this.finished = new StatementBatch(async (rows) => {
      await sqlRun(
        this.prisma,
        Prisma.sql`UPDATE "Message" m SET "status" = 'handled', "handledAt" = v."at"::timestamp(3)
          FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.at.toISOString())}::text[]) AS v("id", "at")
          WHERE m."id" = v."id"`,
      );
    });
    this.deliveries = new StatementBatch((rows) => this.writeDeliveries(rows));
  }

  async ensureDealership(d: { id: string; name: string; timezone: string; smsNumber?: string }): Promise<void> {
    const data = { name: d.name, timezone: d.timezone, smsNumber: d.smsNumber ?? null };
    // Replicas starting together race on the insert (Prisma's upsert is not atomic); the loser updates.
    await findOrRecord(
      async () => undefined,
      () => this.prisma.dealership.upsert({ where: { id: d.id }, create: { id: d.id, ...data }, update: data }),
    );
  }

  recordInbound(sms: InboundSmsRecord): Promise<RecordedInbound> {
    return recordInbound(this.prisma, sms);
  }

  async startHandling(messageId: string): Promise<{ message: StoredMessage; conversation: Conversation } | undefined> {
    // A text taken by a replica that died mid-answer stays "handling"; once its lease runs out another may take it.
    // One statement takes it and reads it with its conversation: this runs once per text.
    const now = new Date();
    return takeMessageWithConversation(
      this.prisma,
      Prisma.sql`UPDATE "Message" SET "status" = 'handling', "leaseUntil" = ${new Date(now.getTime() + this.leaseMs)}
        WHERE "id" = ${messageId} AND ("status" = 'received' OR ("status" = 'handling' AND "handledAt" IS NULL AND "leaseUntil" < ${now}))
        RETURNING ${MESSAGE_COLUMNS}`,
    );
  }

  // The statements every answered text makes are plain SQL sent straight to the driver (direct-sql.ts):
  // Prisma's query path costs several times the CPU of the round trip itself, a dozen times per text.

  finishHandling(messageId: string, at: Date): Promise<void> {
    return this.finished.add({ id: messageId, at });
  }

  async renewHandling(messageIds: string[]): Promise<void> {
    await sqlRun(
      this.prisma,
      Prisma.sql`UPDATE "Message" SET "leaseUntil" = ${new Date(Date.now() + this.leaseMs)}
      WHERE "id" = ANY(${messageIds}) AND "status" = 'handling' AND "handledAt" IS NULL`,
    );
  }

  async takeBackHolds(): Promise<number> {
    const past = new Date(Date.now() - 1000);
    const texts = await sqlRun(
      this.prisma,
      Prisma.sql`UPDATE "Message" SET "leaseUntil" = ${past}
      WHERE (("status" = 'handling' AND "handledAt" IS NULL) OR "status" = 'reconciling') AND "leaseUntil" > ${past}`,
    );
    const jobs = await sqlRun(
      this.prisma,
      Prisma.sql`UPDATE "ScheduledJob" SET "leaseUntil" = ${past} WHERE "status" = 'running' AND "leaseUntil" > ${past}`,
    );
    return texts + jobs;
  }

  takeTurn(conversationId: string, due: TurnDue): Promise<TakenTurn> {
    return takeTurn(this.prisma, conversationId, due, new Date(Date.now() + this.leaseMs));
  }

  async finishTurn(messageIds: string[], at: Date): Promise<void> {
    await sqlRun(
      this.prisma,
      Prisma.sql`UPDATE "Message" SET "status" = 'handled', "handledAt" = ${at} WHERE "id" = ANY(${messageIds})`,
    );
  }

  async lastHandBackAt(conversationId: string): Promise<Date | undefined> {
    const event = await this.prisma.conversationEvent.findFirst({
      where: { conversationId, type: "handed_back" },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    return event?.createdAt;
  }

  async listUnhandledInbound(receivedBefore: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.message.findMany({
      where: {
        direction: "inbound",
        handledAt: null,
        OR: [
          { status: "received", createdAt: { lt: receivedBefore } },
          { status: "handling", leaseUntil: { lt: new Date() } },
        ],
      },
      orderBy: { createdAt: "asc" },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async getMessage(id: string): Promise<StoredMessage | undefined> {
    const row = await this.prisma.message.findUnique({ where: { id } });
    return row ? toMessage(row) : undefined;
  }

  getConversation(id: string): Promise<Conversation | undefined> {
    return readConversation(this.prisma, Prisma.sql`c."id" = ${id}`);
  }

  findConversationByThread(thread: ThreadRef): Promise<Conversation | undefined> {
    return readConversation(
      this.prisma,
      Prisma.sql`c."staffChannel" = ${thread.chat} AND c."threadChannel" = ${thread.channel} AND c."threadTs" = ${thread.ts}`,
    );
  }

  async linkThread(conversationId: string, thread: ThreadRef): Promise<boolean> {
    const changed = await sqlRun(
      this.prisma,
      Prisma.sql`
      UPDATE "Conversation" SET "staffChannel" = ${thread.chat}, "threadChannel" = ${thread.channel}, "threadTs" = ${thread.ts}, "updatedAt" = ${new Date()}
      WHERE "id" = ${conversationId} AND "threadTs" IS NULL`,
    );
    return changed === 1;
  }

  async listMessages(
    conversationId: string,
    limit: number,
    options: ListMessagesOptions = {},
  ): Promise<StoredMessage[]> {
    const { inboundUpTo, since } = options;
    const rows = await sqlRows<MessageFields>(
      this.prisma,
      Prisma.sql`
      SELECT ${MESSAGE_COLUMNS} FROM "Message"
      WHERE "conversationId" = ${conversationId}
        ${inboundUpTo ? Prisma.sql`AND NOT ("direction" = 'inbound' AND "createdAt" > ${inboundUpTo})` : Prisma.empty}
        ${since ? Prisma.sql`AND "createdAt" >= ${since}` : Prisma.empty}
      ORDER BY "createdAt" DESC, "id" DESC
      LIMIT ${limit}`,
    );
    return rows.reverse().map(toMessage);
  }

  async updateConversation(id: string, patch: ConversationPatch, jobs?: NewJob[]): Promise<void> {
    const set = setList({
      department: patch.department,
      intent: patch.intent,
      lead: patch.lead && jsonb(patch.lead),
      summary: patch.summary,
      handoffReason: patch.handoffReason,
      firstResponseAt: patch.firstResponseAt,
      language: patch.language,
      staffChannel: patch.thread?.chat,
      threadChannel: patch.thread?.channel,
      threadTs: patch.thread?.ts,
      updatedAt: new Date(),
    });
    await sqlRows(
      this.prisma,
      Prisma.sql`
      WITH updated AS (UPDATE "Conversation" SET ${set} WHERE "id" = ${id} RETURNING "id") ${outboxCte(jobs, "updated")}
      SELECT count(*)::int AS n FROM updated`,
    );
  }

  async applyMove(request: MoveRequest): Promise<boolean> {
    const { action, at } = request;
    const status = Prisma.sql`${targetOf(action)}::"ConversationStatus"`;
    const set =
      action === "request_handoff"
        ? setList({ status, handoffAt: at, handoffReason: request.handoffReason ?? null })
        : action === "claim"
          ? setList({ status, ownerId: request.owner!.id, ownerName: request.owner!.name, claimedAt: at })
          : action === "hand_back"
            ? setList({ status, ownerId: null, ownerName: null, claimedAt: null, handoffAt: null })
            : setList({ status, resolvedAt: at });
    // The WHERE on status is the atomic part: of two racing clicks, one row update wins.
    // And for a move by a person, the owner is checked in the same statement: a claim by someone
    // else landing between a pre-check and this update cannot be undone by a non-owner's click.
    const ownerOnly =
      request.by !== undefined ? Prisma.sql`AND ("status" <> 'claimed' OR "ownerId" = ${request.by})` : Prisma.empty;
    const rows = await sqlRows<{ moved: number }>(
      this.prisma,
      Prisma.sql`
      WITH moved AS (
        UPDATE "Conversation" SET ${set}, "updatedAt" = ${new Date()}
        WHERE "id" = ${request.conversationId} AND "status"::text = ANY(${[...allowedFrom(action)]}::text[]) ${ownerOnly}
        RETURNING "id"
      ) ${outboxCte(request.jobs, "moved")}
      SELECT count(*)::int AS moved FROM moved`,
    );
    return Number(rows[0]?.moved ?? 0) === 1;
  }

  async appendEvent(event: EventRecord): Promise<void> {
    await this.prisma.conversationEvent.create({
      data: {
        conversationId: event.conversationId,
        type: event.type,
        actor: event.actor,
        data: (event.data ?? {}) as Prisma.InputJsonValue,
        createdAt: event.at,
      },
    });
  }

  async recordUsage(conversationId: string, usage: TokenUsage, _source: string, _at: Date): Promise<void> {
    await this.prisma.conversation.update({
      where: { id: conversationId },
      data: {
        inputTokens: { increment: usage.inputTokens },
        outputTokens: { increment: usage.outputTokens },
        cachedInputTokens: { increment: usage.cachedInputTokens ?? 0 },
      },
    });
  }

  async setOptOut(customerId: string, optedOut: boolean, at: Date, jobs?: NewJob[]): Promise<void> {
    // The row is locked as it is read, so of two STOPs at once only the first is a change to announce.
    await sqlRows(
      this.prisma,
      Prisma.sql`
      WITH before AS (
        SELECT "id", "optedOut" FROM "Customer" WHERE "id" = ${customerId} FOR UPDATE
      ), changed AS (
        UPDATE "Customer" SET "optedOut" = ${optedOut}, "optedOutAt" = ${optedOut ? at : null}, "updatedAt" = ${new Date()}
        FROM before WHERE "Customer"."id" = before."id"
        RETURNING "Customer"."id", before."optedOut" <> ${optedOut} AS "flipped"
      ) ${outboxCte(jobs, "changed", Prisma.sql`WHERE "changed"."flipped"`)}
      SELECT count(*)::int AS n FROM changed`,
    );
  }

  async insertOutbound(record: OutboundRecord): Promise<{ message: StoredMessage; created: boolean }> {
    const mediaIds = record.mediaIds ?? [];
    // The text and its files' link in one statement: a retry finds both or neither.
    const rows = await sqlRows<MessageFields>(
      this.prisma,
      Prisma.sql`
      WITH message AS (
        INSERT INTO "Message" ("id", "conversationId", "direction", "author", "authorName", "body", "numMedia", "idempotencyKey", "status", "createdAt")
        VALUES (${randomUUID()}, ${record.conversationId}, 'outbound', ${record.author}::"MessageAuthor", ${record.authorName ?? null}, ${record.body}, ${mediaIds.length}, ${record.idempotencyKey}, 'sending', ${record.at})
        ON CONFLICT ("idempotencyKey") DO NOTHING
        RETURNING ${MESSAGE_COLUMNS}
      ), media AS (
        UPDATE "Media" SET "messageId" = message."id" FROM message
        WHERE "Media"."id" = ANY(${mediaIds}::text[]) AND "Media"."conversationId" = message."conversationId"
      )
      SELECT * FROM message`,
    );
    if (rows[0]) return { message: toMessage(rows[0]), created: true };
    // The key was taken first (a retry, a double click, another replica): that send stands.
    const row = await this.prisma.message.findUniqueOrThrow({ where: { idempotencyKey: record.idempotencyKey } });
    return { message: toMessage(row), created: false };
  }

  updateDelivery(messageId: string, update: DeliveryUpdate): Promise<void> {
    return this.deliveries.add({ id: messageId, update });
  }

  /** Each row sets only the fields its update names; a message twice in one batch is written in order, one by one. */
  private async writeDeliveries(rows: { id: string; update: DeliveryUpdate }[]): Promise<void> {
    if (new Set(rows.map((r) => r.id)).size < rows.length) {
      for (const { id, update } of rows) await this.writeDeliveries([{ id, update }]);
      return;
    }
    const column = <K extends keyof DeliveryUpdate>(key: K) => rows.map((r) => r.update[key] ?? null);
    const named = (key: keyof DeliveryUpdate) => rows.map((r) => r.update[key] !== undefined);
    await sqlRun(
      this.prisma,
      Prisma.sql`UPDATE "Message" m SET
        "providerId" = CASE WHEN v."hasProviderId" THEN v."providerId" ELSE m."providerId" END,
        "status" = v."status",
        "errorCode" = CASE WHEN v."hasErrorCode" THEN v."errorCode" ELSE m."errorCode" END,
        "errorMessage" = CASE WHEN v."hasErrorMessage" THEN v."errorMessage" ELSE m."errorMessage" END
      FROM unnest(${rows.map((r) => r.id)}::text[], ${column("providerId")}::text[], ${named("providerId")}::boolean[],
        ${column("status")}::text[], ${column("errorCode")}::text[], ${named("errorCode")}::boolean[],
        ${column("errorMessage")}::text[], ${named("errorMessage")}::boolean[])
        AS v("id", "providerId", "hasProviderId", "status", "errorCode", "hasErrorCode", "errorMessage", "hasErrorMessage")
      WHERE m."id" = v."id"`,
    );
  }

  async listUnsettledOutbound(olderThan: Date, limit: number): Promise<StoredMessage[]> {
    const rows = await this.prisma.message.findMany({
      where: { direction: "outbound", status: { in: ["sending", "reconciling"] }, createdAt: { lt: olderThan } },
      orderBy: { createdAt: "asc" },
      take: limit,
    });
    return rows.map(toMessage);
  }

  async takeUnsettledOutbound(messageId: string): Promise<boolean> {
    const now = new Date();
    const { count } = await this.prisma.message.updateMany({
      where: {
        id: messageId,
        OR: [{ status: { in: ["sending", "retrying"] } }, { status: "reconciling", leaseUntil: { lt: now } }],
      },
      data: { status: "reconciling", leaseUntil: new Date(now.getTime() + this.leaseMs) },
    });
    return count === 1;
  }

  getConversationToSend(id: string): Promise<{ conversation: Conversation; unansweredTexts: string[] } | undefined> {
    return readConversationToSend(this.prisma, id);
  }

  async updateDeliveryByProviderId(providerId: string, update: DeliveryUpdate): Promise<StoredMessage | undefined> {
    const { count } = await this.prisma.message.updateMany({ where: { providerId }, data: update });
    if (count === 0) return undefined;
    const row = await this.prisma.message.findUnique({ where: { providerId } });
    return row ? toMessage(row) : undefined;
  }

  async insertInternalNote(conversationId: string, body: string, authorName: string, key: string): Promise<boolean> {
    try {
      await this.prisma.message.create({
        data: {
          conversationId,
          direction: "internal",
          author: "rep",
          authorName,
          body,
          idempotencyKey: key,
          status: "internal",
        },
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async takeDelivery(key: string): Promise<boolean> {
    try {
      await this.prisma.processedDelivery.create({ data: { key } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
