import { randomUUID } from "node:crypto";
import type { InboundSmsRecord, RecordedInbound } from "../../../core/ports/store.js";
import { sqlRows } from "./direct-sql.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { outboxCte } from "./outbox-jobs.js";
import { findOrCreateCustomer } from "./customer-cte.js";

async function findByProviderId(prisma: PrismaClient, providerId: string): Promise<RecordedInbound | undefined> {
  const existing = await prisma.message.findUnique({
    where: { providerId },
    select: { id: true, conversationId: true },
  });
  return existing ? { messageId: existing.id, conversationId: existing.conversationId, duplicate: true } : undefined;
}

/**
 * Durable before acknowledged: the text is in the database before the webhook is answered.
 *
 * One statement, so the webhook waits for one round trip. Customer, open conversation and text
 * are each found or created with INSERT … ON CONFLICT, which settles races between replicas in the
 * database: two first texts from a new customer get one customer row; a customer has at most one
 * open conversation (the partial unique index `Conversation_one_open_per_customer`); a MessageSid
 * is stored once. A new conversation links to the customer's last one, with a "reopened" event.
 * A redelivered MessageSid stores nothing and touches no conversation (a retry after Resolve must
 * not open an empty one); it returns the text stored the first time. An MMS's files are rows to
 * fetch (where the provider keeps them), stored in the same statement.
 */
export async function recordInbound(prisma: PrismaClient, sms: InboundSmsRecord): Promise<RecordedInbound> {
  const at = sms.receivedAt;
  // Row bookkeeping is wall time, as Prisma writes @default(now()) and @updatedAt; the text's own time is the clock's.
  const now = new Date();
  // The files stay at the provider until fetched after the webhook's answer: only where they are is stored now.
  const media = sms.media ?? [];
  const rows = await sqlRows<{ messageId: string; conversationId: string }>(
    prisma,
    Prisma.sql`
    WITH customer AS (${findOrCreateCustomer(sms.dealershipId, sms.from, now)}
    ), conversation AS (
      INSERT INTO "Conversation" ("id", "dealershipId", "customerId", "previousConversationId", "firstInboundAt", "lastCustomerAt", "createdAt", "updatedAt")
      SELECT ${randomUUID()}, ${sms.dealershipId}, customer."id",
        (SELECT p."id" FROM "Conversation" p WHERE p."customerId" = customer."id" ORDER BY p."createdAt" DESC LIMIT 1),
        ${at}, ${at}, ${now}, ${now}
      FROM customer
      WHERE NOT EXISTS (SELECT 1 FROM "Message" WHERE "providerId" = ${sms.providerId})
      ON CONFLICT ("customerId") WHERE "status" <> 'resolved'
      DO UPDATE SET "lastCustomerAt" = EXCLUDED."lastCustomerAt", "updatedAt" = EXCLUDED."updatedAt"
      RETURNING "id", "previousConversationId", (xmax = 0) AS "created"
    ), message AS (
      INSERT INTO "Message" ("id", "conversationId", "direction", "author", "body", "numMedia", "providerId", "status", "createdAt")
      SELECT ${randomUUID()}, conversation."id", 'inbound'::"MessageDirection", 'customer'::"MessageAuthor", ${sms.body}, ${sms.numMedia}, ${sms.providerId}, 'received', ${at}
      FROM conversation
      ON CONFLICT ("providerId") DO NOTHING
      RETURNING "id", "conversationId"
    ), media AS (
      INSERT INTO "Media" ("id", "conversationId", "messageId", "direction", "position", "status", "providerUrl", "contentType", "createdAt")
      SELECT f."id", message."conversationId", message."id", 'inbound', f."position"::int - 1, 'pending', f."url", f."contentType", ${at}
      FROM message, unnest(${media.map(() => randomUUID())}::text[], ${media.map((m) => m.url)}::text[], ${media.map((m) => m.contentType ?? "")}::text[])
        WITH ORDINALITY AS f("id", "url", "contentType", "position")
    ), reopened AS (
      INSERT INTO "ConversationEvent" ("id", "conversationId", "type", "actor", "data", "createdAt")
      SELECT ${randomUUID()}, conversation."id", 'reopened', 'customer', jsonb_build_object('previousConversationId', conversation."previousConversationId"), ${at}
      FROM conversation
      WHERE conversation."created" AND conversation."previousConversationId" IS NOT NULL
    ) ${outboxCte(sms.jobsIfOpened, "conversation", Prisma.sql`WHERE "conversation"."created"`)}
    SELECT "id" AS "messageId", "conversationId" FROM message`,
  );
  const stored = rows[0];
  if (stored) return { messageId: stored.messageId, conversationId: stored.conversationId, duplicate: false };
  // Nothing stored: this MessageSid was here first (a provider retry, or its twin racing this one).
  const first = await findByProviderId(prisma, sms.providerId);
  if (!first) throw new Error(`inbound text ${sms.providerId} was neither stored nor found`);
  return first;
}
