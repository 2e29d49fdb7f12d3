import type { Conversation, StoredMessage } from "../../../core/conversation/conversation.js";
import type { ConversationToSend, JobsToCancel } from "../../../core/ports/store.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { sqlRows } from "./direct-sql.js";
import { cancelJobsCte } from "./outbox-jobs.js";
import { LEADS_FOR_CARD } from "./map-lead-rows.js";
import { toConversation, toMessage, type ConversationFields, type MessageFields } from "./map-rows.js";

/** The columns of a MessageFields, for RETURNING or SELECT in raw SQL (enums read as text). */
export const MESSAGE_COLUMNS = Prisma.raw(
  `"id", "conversationId", "direction"::text AS "direction", "author"::text AS "author", "authorName", "body", "numMedia", "status", "createdAt"`,
);

export type JoinedRow = Omit<ConversationFields, "customer"> & {
  customerDealershipId: string;
  customerPhone: string;
  customerName: string | null;
  customerOptedOut: boolean;
  hasLeads: boolean;
};

/** A conversation (c) with its customer (cu): the columns of ConversationFields, for every joined read below. */
export const CONVERSATION_WITH_CUSTOMER = Prisma.raw(`
  c."id", c."dealershipId", c."customerId", c."status"::text AS "status", c."department", c."intent", c."lead", c."summary",
  c."handoffReason", c."ownerId", c."ownerName", c."staffChannel", c."threadChannel", c."threadTs", c."previousConversationId",
  c."firstResponseAt", c."handoffAt", c."claimedAt", c."resolvedAt", c."lastCustomerAt", c."flaggedAt", c."flagReason", c."language",
  c."startedByCallAt", cu."dealershipId" AS "customerDealershipId", cu."phone" AS "customerPhone", cu."name" AS "customerName", cu."optedOut" AS "customerOptedOut",
  EXISTS (SELECT 1 FROM "Lead" l WHERE l."conversationId" = c."id") AS "hasLeads"`);
/**
 * The customer by its key, as a LATERAL lookup rather than a plain JOIN: with statistics not yet
 * refreshed after a bulk load or a restore, PostgreSQL planned the JOIN as a scan of the whole
 * customer index (measured with 1,000,000 customers just seeded: 190 ms per read, 0.08 ms this way).
 */
export const JOIN_CUSTOMER = Prisma.raw(
  `CROSS JOIN LATERAL (SELECT * FROM "Customer" x WHERE x."id" = c."customerId" LIMIT 1) cu`,
);

/**
 * A conversation with its customer (and its leads, when it has any), read in one joined query:
 * it is read several times per text, and Prisma's include would make it three.
 */
export async function readConversation(prisma: PrismaClient, where: Prisma.Sql): Promise<Conversation | undefined> {
  const rows = await sqlRows<JoinedRow>(
    prisma,
    Prisma.sql`
    SELECT ${CONVERSATION_WITH_CUSTOMER} FROM "Conversation" c ${JOIN_CUSTOMER} WHERE ${where} LIMIT 1`,
  );
  return rows[0] && toJoinedConversation(prisma, rows[0]);
}

/**
 * Conversations about to be texted, each with what its customer texted that is not answered yet
 * (short texts only: opt-out words are short), in one statement: the gateway reads both before
 * every send, so a STOP still queued behind earlier texts counts. One entry per id, in order.
 * Each id is looked up by its key (LATERAL), as JOIN_CUSTOMER does: `id = ANY(…)` was planned as
 * a scan of the whole table with statistics not yet refreshed (39 ms a read at 100,000 conversations).
 */
export async function readConversationsToSend(
  prisma: PrismaClient,
  ids: readonly string[],
): Promise<(ConversationToSend | undefined)[]> {
  const rows = await sqlRows<JoinedRow & { unansweredTexts: string[] }>(
    prisma,
    Prisma.sql`
    SELECT ${CONVERSATION_WITH_CUSTOMER},
      ARRAY(SELECT m."body" FROM "Message" m JOIN "Conversation" o ON o."id" = m."conversationId"
        WHERE o."customerId" = c."customerId" AND m."direction" = 'inbound' AND m."handledAt" IS NULL AND length(m."body") <= 160
        ORDER BY m."createdAt" DESC LIMIT 10) AS "unansweredTexts"
    FROM unnest(${[...new Set(ids)]}::text[]) AS wanted("id")
    CROSS JOIN LATERAL (SELECT * FROM "Conversation" x WHERE x."id" = wanted."id" LIMIT 1) c ${JOIN_CUSTOMER}`,
  );
  // The rare conversations with leads read them at once, not one after another.
  const read = new Map<string, ConversationToSend>(
    await Promise.all(
      rows.map(
        async ({ unansweredTexts, ...joined }) =>
          [joined.id, { conversation: await toJoinedConversation(prisma, joined), unansweredTexts }] as const,
      ),
    ),
  );
  return ids.map((id) => read.get(id));
}

type TakenRow = JoinedRow & { [K in keyof MessageFields as `message_${K}`]: MessageFields[K] };

/**
 * Takes an inbound text for answering (`take`: an UPDATE … RETURNING of its MESSAGE_COLUMNS) and
 * reads its conversation in the same statement: the first thing every answered text needs.
 */
export async function takeMessageWithConversation(
  prisma: PrismaClient,
  take: Prisma.Sql,
  cancels?: JobsToCancel,
): Promise<{ message: StoredMessage; conversation: Conversation } | undefined> {
  const rows = await sqlRows<TakenRow>(
    prisma,
    Prisma.sql`
    WITH taken AS (${take}) ${cancelJobsCte(cancels, "taken")}
    SELECT ${CONVERSATION_WITH_CUSTOMER},
      taken."id" AS "message_id", taken."conversationId" AS "message_conversationId", taken."direction" AS "message_direction",
      taken."author" AS "message_author", taken."authorName" AS "message_authorName", taken."body" AS "message_body",
      taken."numMedia" AS "message_numMedia", taken."status" AS "message_status", taken."createdAt" AS "message_createdAt"
    FROM taken CROSS JOIN LATERAL (SELECT * FROM "Conversation" y WHERE y."id" = taken."conversationId" LIMIT 1) c ${JOIN_CUSTOMER}`,
  );
  const row = rows[0];
  if (!row) return undefined;
  const message = toMessage({
    id: row.message_id,
    conversationId: row.message_conversationId,
    direction: row.message_direction,
    author: row.message_author,
    authorName: row.message_authorName,
    body: row.message_body,
    numMedia: row.message_numMedia,
    status: row.message_status,
    createdAt: row.message_createdAt,
  });
  return { message, conversation: await toJoinedConversation(prisma, row) };
}

export async function toJoinedConversation(prisma: PrismaClient, row: JoinedRow): Promise<Conversation> {
  const { customerDealershipId, customerPhone, customerName, customerOptedOut, hasLeads, ...conversation } = row;
  // Leads are rare: read only for a conversation that has some.
  const leads = hasLeads
    ? await prisma.lead.findMany({ ...LEADS_FOR_CARD, where: { conversationId: row.id } })
    : undefined;
  return toConversation({
    ...conversation,
    customer: {
      id: row.customerId,
      dealershipId: customerDealershipId,
      phone: customerPhone,
      name: customerName,
      optedOut: customerOptedOut,
    },
    leads,
  });
}
