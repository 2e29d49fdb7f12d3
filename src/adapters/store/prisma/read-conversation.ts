import type { Conversation } from "../../../core/conversation/conversation.js";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { LEADS_FOR_CARD } from "./map-lead-rows.js";
import { toConversation, type ConversationRow } from "./map-rows.js";

/** The columns of a MessageFields, for RETURNING or SELECT in raw SQL (enums read as text). */
export const MESSAGE_COLUMNS = Prisma.raw(
  `"id", "conversationId", "direction"::text AS "direction", "author"::text AS "author", "authorName", "body", "numMedia", "status", "createdAt"`,
);

type JoinedRow = Omit<ConversationRow, "customer"> & {
  customerDealershipId: string;
  customerPhone: string;
  customerName: string | null;
  customerOptedOut: boolean;
  customerOptedOutAt: Date | null;
  customerCreatedAt: Date;
  customerUpdatedAt: Date;
  hasLeads: boolean;
};

/**
 * A conversation with its customer (and its leads, when it has any), read in one joined query:
 * it is read several times per text, and Prisma's include would make it three.
 */
export async function readConversation(prisma: PrismaClient, where: Prisma.Sql): Promise<Conversation | undefined> {
  const rows = await prisma.$queryRaw<JoinedRow[]>`
    SELECT c."id", c."dealershipId", c."customerId", c."status"::text AS "status", c."department", c."intent", c."lead", c."summary",
      c."handoffReason", c."ownerId", c."ownerName", c."staffChannel", c."threadChannel", c."threadTs", c."previousConversationId",
      c."firstInboundAt", c."firstResponseAt", c."handoffAt", c."claimedAt", c."resolvedAt", c."lastCustomerAt",
      c."inputTokens", c."outputTokens", c."cachedInputTokens", c."flaggedAt", c."flagReason", c."createdAt", c."updatedAt",
      cu."dealershipId" AS "customerDealershipId", cu."phone" AS "customerPhone", cu."name" AS "customerName",
      cu."optedOut" AS "customerOptedOut", cu."optedOutAt" AS "customerOptedOutAt", cu."createdAt" AS "customerCreatedAt", cu."updatedAt" AS "customerUpdatedAt",
      EXISTS (SELECT 1 FROM "Lead" l WHERE l."conversationId" = c."id") AS "hasLeads"
    FROM "Conversation" c JOIN "Customer" cu ON cu."id" = c."customerId"
    WHERE ${where}
    LIMIT 1`;
  const row = rows[0];
  if (!row) return undefined;
  const { customerDealershipId, customerPhone, customerName, customerOptedOut, customerOptedOutAt, customerCreatedAt, customerUpdatedAt, hasLeads, ...conversation } = row;
  // Leads are rare: read only for a conversation that has some.
  const leads = hasLeads ? await prisma.lead.findMany({ ...LEADS_FOR_CARD, where: { conversationId: row.id } }) : undefined;
  return toConversation({
    ...conversation,
    customer: {
      id: row.customerId,
      dealershipId: customerDealershipId,
      phone: customerPhone,
      name: customerName,
      optedOut: customerOptedOut,
      optedOutAt: customerOptedOutAt,
      createdAt: customerCreatedAt,
      updatedAt: customerUpdatedAt,
    },
    leads,
  });
}
