import type { JobsToCancel, TakenTurn, TurnDue } from "../../../core/ports/store.js";
import { cancelJobsCte } from "./outbox-jobs.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { sqlRows } from "./direct-sql.js";
import { toMessage, type MessageFields } from "./map-rows.js";
import {
  CONVERSATION_WITH_CUSTOMER,
  JOIN_CUSTOMER,
  MESSAGE_COLUMNS,
  toJoinedConversation,
  type JoinedRow,
} from "./read-conversation.js";

type TurnRow = JoinedRow & { firstWaitingAt: Date | null } & {
  [K in keyof MessageFields as `message_${K}`]: MessageFields[K] | null;
};

/** A customer text nobody answers: never taken, or taken by a replica whose lease ran out. */
const waiting = (now: Date) =>
  Prisma.sql`"direction" = 'inbound' AND ("status" = 'received' OR ("status" = 'handling' AND "handledAt" IS NULL AND "leaseUntil" < ${now}))`;

/**
 * One statement: is the turn due (the customer paused, or has waited long enough), and if so take
 * all its waiting texts with a lease, and read them with their conversation; and, when it takes
 * any, cancel the conversation's jobs they make moot.
 *
 * The texts are locked in one order (FOR UPDATE, oldest first) and re-checked once locked, so two
 * replicas taking the same turn at once never split it or take a text twice: the second waits,
 * then finds them taken. A text stored after this statement began is not in this turn; its own
 * wake-up answers it.
 */
export async function takeTurn(
  prisma: PrismaClient,
  conversationId: string,
  due: TurnDue,
  leaseUntil: Date,
  cancels?: JobsToCancel,
): Promise<TakenTurn> {
  // Lease times are wall time, as startHandling's; the turn's due times are Baton's clock, as the texts' own.
  const now = new Date();
  const rows = await sqlRows<TurnRow>(
    prisma,
    Prisma.sql`
    WITH first_waiting AS (
      SELECT min("createdAt") AS "at" FROM "Message" WHERE "conversationId" = ${conversationId} AND ${waiting(now)}
    ), taken AS (
      UPDATE "Message" SET "status" = 'handling', "leaseUntil" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "Message" WHERE "conversationId" = ${conversationId} AND ${waiting(now)}
        ORDER BY "createdAt", "id" FOR UPDATE
      ) AND EXISTS (
        SELECT 1 FROM "Conversation" d, first_waiting f WHERE d."id" = ${conversationId}
          AND (d."lastCustomerAt" IS NULL OR d."lastCustomerAt" <= ${due.quietSince} OR f."at" <= ${due.waitingSince})
      )
      RETURNING ${MESSAGE_COLUMNS}
    ) ${cancelJobsCte(cancels, "taken")}
    SELECT ${CONVERSATION_WITH_CUSTOMER}, (SELECT "at" FROM first_waiting) AS "firstWaitingAt",
      t."id" AS "message_id", t."conversationId" AS "message_conversationId", t."direction" AS "message_direction",
      t."author" AS "message_author", t."authorName" AS "message_authorName", t."body" AS "message_body",
      t."numMedia" AS "message_numMedia", t."status" AS "message_status", t."createdAt" AS "message_createdAt"
    FROM "Conversation" c ${JOIN_CUSTOMER} LEFT JOIN taken t ON TRUE
    WHERE c."id" = ${conversationId}
    ORDER BY t."createdAt", t."id"`,
  );
  const first = rows[0];
  if (!first) return { taken: false };
  if (first.message_id === null) {
    const waitingSince = first.firstWaitingAt;
    return {
      taken: false,
      waiting:
        waitingSince && first.lastCustomerAt ? { firstAt: waitingSince, lastAt: first.lastCustomerAt } : undefined,
    };
  }
  const texts = rows.map((row) =>
    toMessage({
      id: row.message_id!,
      conversationId: row.message_conversationId!,
      direction: row.message_direction!,
      author: row.message_author!,
      authorName: row.message_authorName,
      body: row.message_body!,
      numMedia: row.message_numMedia!,
      status: row.message_status!,
      createdAt: row.message_createdAt!,
    }),
  );
  return { taken: true, texts, conversation: await toJoinedConversation(prisma, first) };
}
