import type { Conversation, StoredMessage } from "../../../core/conversation/conversation.js";
import { allowedFrom, targetOf } from "../../../core/conversation/state-machine.js";
import { sqlRows, sqlRun } from "./direct-sql.js";
import { StatementBatch } from "./statement-batch.js";
import type { ThreadRef } from "../../../core/ports/staff-chat.js";
import type {
  ConversationPatch,
  ConversationStore,
  ConversationToSend,
  DeliveryUpdate,
  EventRecord,
  InboundSmsRecord,
  JobsToCancel,
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
  readConversationsToSend,
  takeMessageWithConversation,
} from "./read-conversation.js";
import { recordInbound } from "./record-inbound.js";
import { takeTurn } from "./take-turn.js";
import { jsonb, setList } from "./sql-set.js";
import { HANDLING_LEASE } from "../../../core/conversation/handling-lease.js";
import type { NewJob } from "../../../core/ports/jobs.js";
import { outboxCte } from "./outbox-jobs.js";

/** One conversation's latest messages, as one row of the batched read. */
interface HistoryRead {
  conversationId: string;
  limit: number;
  /** Leaves out customer texts stored after this (the next turn's). */
  inboundUpTo?: Date;
}

/** The one store implementation: the same SQL on embedded PGlite and on PostgreSQL. */
export class PrismaConversationStore implements ConversationStore {
  /** How long a hold on a text lasts without a renewal (HANDLING_LEASE; tests shorten it). */
  private readonly leaseMs: number;

  /** Texts answered in the same turn of the event loop are marked handled by one statement. */
  private readonly finished: StatementBatch<{ id: string; at: Date }>;
  /** The provider's answers to sends in the same turn are written by one statement. */
  private readonly deliveries: StatementBatch<{ id: string; update: DeliveryUpdate }>;
  /** Conversations' latest texts read in the same turn (a tick's nudges, replies being written) share one statement. */
  private readonly histories: StatementBatch<HistoryRead, StoredMessage[]>;
  /** Plain texts sent in the same turn (a tick's nudges, many replies at once) are stored by one INSERT. */
  private readonly outbound: StatementBatch<OutboundRecord, { message: StoredMessage; created: boolean }>;
  /** Sends decided in the same turn (a tick's batch, many replies at once) read their conversations together. */
  private readonly toSend: StatementBatch<string, ConversationToSend | undefined>;
  /** Events of the same moment (handoffs, claims) share one INSERT. */
  private readonly events: StatementBatch<EventRecord>;

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
    this.histories = new StatementBatch((reads) => this.readHistories(reads));
    this.outbound = new StatementBatch((records) => this.insertPlain(records));
    this.toSend = new StatementBatch((ids) => readConversationsToSend(this.prisma, ids));
    this.events = new StatementBatch((events) => this.insertEvents(events));
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

  async startHandling(
    messageId: string,
    cancels?: JobsToCancel,
  ): Promise<{ message: StoredMessage; conversation: Conversation } | undefined> {
    // A text taken by a replica that died mid-answer stays "handling"; once its lease runs out another may take it.
    // One statement takes it and reads it with its conversation: this runs once per text.
    const now = new Date();
    return takeMessageWithConversation(
      this.prisma,
      Prisma.sql`UPDATE "Message" SET "status" = 'handling', "leaseUntil" = ${new Date(now.getTime() + this.leaseMs)}
        WHERE "id" = ${messageId} AND ("status" = 'received' OR ("status" = 'handling' AND "handledAt" IS NULL AND "leaseUntil" < ${now}))
        RETURNING ${MESSAGE_COLUMNS}`,
      cancels,
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

  takeTurn(conversationId: string, due: TurnDue, cancels?: JobsToCancel): Promise<TakenTurn> {
    return takeTurn(this.prisma, conversationId, due, new Date(Date.now() + this.leaseMs), cancels);
  }

  async finishTurn(messageIds: string[], at: Date): Promise<void> {
    await Promise.all(messageIds.map((id) => this.finished.add({ id, at })));
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

  listMessages(conversationId: string, limit: number, options: ListMessagesOptions = {}): Promise<StoredMessage[]> {
    const { inboundUpTo, since } = options;
    // A conversation's latest texts (up to a turn's own) is the common read: those of a turn share a statement.
    if (!since) return this.histories.add({ conversationId, limit, inboundUpTo });
    return this.readMessages(
      conversationId,
      limit,
      Prisma.sql`${inboundUpTo ? Prisma.sql`AND NOT ("direction" = 'inbound' AND "createdAt" > ${inboundUpTo})` : Prisma.empty}
        ${since ? Prisma.sql`AND "createdAt" >= ${since}` : Prisma.empty}`,
    );
  }

  private async readMessages(conversationId: string, limit: number, filter: Prisma.Sql): Promise<StoredMessage[]> {
    const rows = await sqlRows<MessageFields>(
      this.prisma,
      Prisma.sql`
      SELECT ${MESSAGE_COLUMNS} FROM "Message"
      WHERE "conversationId" = ${conversationId} ${filter}
      ORDER BY "createdAt" DESC, "id" DESC
      LIMIT ${limit}`,
    );
    return rows.reverse().map(toMessage);
  }

  /** The latest texts of several conversations, oldest first for each, in one statement. */
  private async readHistories(reads: HistoryRead[]): Promise<StoredMessage[][]> {
    const rows = await sqlRows<MessageFields & { position: bigint }>(
      this.prisma,
      Prisma.sql`
      SELECT v."position", m.* FROM unnest(
          ${reads.map((r) => r.conversationId)}::text[],
          ${reads.map((r) => r.limit)}::int[],
          ${reads.map((r) => r.inboundUpTo?.toISOString() ?? null)}::text[]
        ) WITH ORDINALITY AS v("conversationId", "limit", "inboundUpTo", "position")
      CROSS JOIN LATERAL (
        SELECT ${MESSAGE_COLUMNS} FROM "Message" x
        WHERE x."conversationId" = v."conversationId"
          AND (v."inboundUpTo" IS NULL OR NOT (x."direction" = 'inbound' AND x."createdAt" > v."inboundUpTo"::timestamp(3)))
        ORDER BY x."createdAt" DESC, x."id" DESC
        LIMIT v."limit"
      ) m
      ORDER BY v."position", m."createdAt" DESC, m."id" DESC`,
    );
    const histories = reads.map((): StoredMessage[] => []);
    for (const { position, ...row } of rows) histories[Number(position) - 1]!.push(toMessage(row));
    return histories.map((history) => history.reverse());
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
      inputTokens: patch.usage && Prisma.sql`"inputTokens" + ${patch.usage.inputTokens}::int`,
      outputTokens: patch.usage && Prisma.sql`"outputTokens" + ${patch.usage.outputTokens}::int`,
      cachedInputTokens: patch.usage && Prisma.sql`"cachedInputTokens" + ${patch.usage.cachedInputTokens ?? 0}::int`,
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

  appendEvent(event: EventRecord): Promise<void> {
    return this.events.add(event);
  }

  private async insertEvents(events: EventRecord[]): Promise<void> {
    await sqlRun(
      this.prisma,
      Prisma.sql`
      INSERT INTO "ConversationEvent" ("id", "conversationId", "type", "actor", "data", "createdAt")
      SELECT e."id", e."conversationId", e."type", e."actor", e."data"::jsonb, e."at"::timestamp(3)
      FROM unnest(${events.map(() => randomUUID())}::text[], ${events.map((e) => e.conversationId)}::text[],
        ${events.map((e) => e.type)}::text[], ${events.map((e) => e.actor)}::text[],
        ${events.map((e) => JSON.stringify(e.data ?? {}))}::text[], ${events.map((e) => e.at.toISOString())}::text[]
      ) AS e("id", "conversationId", "type", "actor", "data", "at")`,
    );
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

  insertOutbound(record: OutboundRecord): Promise<{ message: StoredMessage; created: boolean }> {
    // A text with files links them in its own statement; plain texts of the same turn share one.
    return record.mediaIds?.length ? this.insertWithMedia(record) : this.outbound.add(record);
  }

  private async insertWithMedia(record: OutboundRecord): Promise<{ message: StoredMessage; created: boolean }> {
    const mediaIds = record.mediaIds ?? [];
    // The text and its files' link in one statement: a retry finds both or neither.
    const rows = await sqlRows<MessageFields>(
      this.prisma,
      Prisma.sql`
      WITH message AS (
        INSERT INTO "Message" ("id", "conversationId", "direction", "author", "authorName", "body", "numMedia", "idempotencyKey", "status", "createdAt")
        VALUES (${randomUUID()}, ${record.conversationId}, 'outbound', ${record.author}::"MessageAuthor", ${record.authorName ?? null}, ${record.body}, ${mediaIds.length}, ${record.idempotencyKey}, 'sending', ${record.at ?? new Date()})
        ON CONFLICT ("idempotencyKey") DO NOTHING
        RETURNING ${MESSAGE_COLUMNS}
      ), media AS (
        UPDATE "Media" SET "messageId" = message."id" FROM message
        WHERE "Media"."id" = ANY(${mediaIds}::text[]) AND "Media"."conversationId" = message."conversationId"
      )
      SELECT * FROM message`,
    );
    if (rows[0]) return { message: toMessage(rows[0]), created: true };
    const [taken] = await this.takenSends([record]);
    return taken!;
  }

  /** Plain texts (no files), one row each, in one INSERT; a key already taken returns that send. */
  private async insertPlain(records: OutboundRecord[]): Promise<{ message: StoredMessage; created: boolean }[]> {
    const column = <K extends keyof OutboundRecord>(key: K) => records.map((r) => r[key] ?? null);
    const rows = await sqlRows<MessageFields & { idempotencyKey: string }>(
      this.prisma,
      Prisma.sql`
      INSERT INTO "Message" ("id", "conversationId", "direction", "author", "authorName", "body", "numMedia", "idempotencyKey", "status", "createdAt")
      SELECT v."id", v."conversationId", 'outbound', v."author"::"MessageAuthor", v."authorName", v."body", 0, v."idempotencyKey", 'sending', v."at"::timestamp(3)
      FROM unnest(${records.map(() => randomUUID())}::text[], ${column("conversationId")}::text[], ${column("author")}::text[],
        ${column("authorName")}::text[], ${column("body")}::text[], ${column("idempotencyKey")}::text[],
        ${records.map((r) => (r.at ?? new Date()).toISOString())}::text[])
        WITH ORDINALITY AS v("id", "conversationId", "author", "authorName", "body", "idempotencyKey", "at", "position")
      ORDER BY v."position"
      ON CONFLICT ("idempotencyKey") DO NOTHING
      RETURNING ${MESSAGE_COLUMNS}, "idempotencyKey"`,
    );
    const created = new Map(rows.map(({ idempotencyKey, ...row }) => [idempotencyKey, toMessage(row)]));
    const conflicts = records.filter((r) => !created.has(r.idempotencyKey));
    const taken = await this.takenSends(conflicts);
    const earlier = new Map(conflicts.map((r, i) => [r.idempotencyKey, taken[i]!]));
    const claimed = new Set<string>();
    return records.map(({ idempotencyKey: key }) => {
      const message = created.get(key);
      if (!message) return earlier.get(key)!;
      // The same key twice in one batch: the first is the send, the second finds it.
      if (claimed.has(key)) return { message, created: false };
      claimed.add(key);
      return { message, created: true };
    });
  }

  /** Sends whose key was taken first (a retry, a double click, another replica): that send stands. */
  private async takenSends(records: OutboundRecord[]): Promise<{ message: StoredMessage; created: false }[]> {
    if (records.length === 0) return [];
    const keys = records.map((r) => r.idempotencyKey);
    const rows = await sqlRows<MessageFields & { idempotencyKey: string }>(
      this.prisma,
      Prisma.sql`SELECT ${MESSAGE_COLUMNS}, "idempotencyKey" FROM "Message" WHERE "idempotencyKey" = ANY(${keys}::text[])`,
    );
    const byKey = new Map(rows.map(({ idempotencyKey, ...row }) => [idempotencyKey, toMessage(row)]));
    return keys.map((key) => {
      const message = byKey.get(key);
      if (!message) throw new Error(`no message with idempotency key ${key} after a conflict on it`);
      return { message, created: false };
    });
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

  getConversationToSend(id: string): Promise<ConversationToSend | undefined> {
    return this.toSend.add(id);
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
