import type { InboundSmsRecord, RecordedInbound } from "../../../core/ports/store.js";
import type { Prisma, PrismaClient } from "./generated/client.js";
import { findOrRecord } from "./is-unique-violation.js";

type Tx = Prisma.TransactionClient;

async function findByProviderId(db: Tx | PrismaClient, providerId: string): Promise<RecordedInbound | undefined> {
  const existing = await db.message.findUnique({ where: { providerId }, select: { id: true, conversationId: true } });
  return existing ? { messageId: existing.id, conversationId: existing.conversationId, duplicate: true } : undefined;
}

/** The customer's open conversation, or a new one that links to the last resolved one. */
async function openConversation(tx: Tx, dealershipId: string, customerId: string, at: Date): Promise<string> {
  const open = await tx.conversation.findFirst({
    where: { customerId, status: { not: "resolved" } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (open) return open.id;
  const previous = await tx.conversation.findFirst({ where: { customerId }, orderBy: { createdAt: "desc" }, select: { id: true } });
  const created = await tx.conversation.create({
    data: { dealershipId, customerId, previousConversationId: previous?.id, firstInboundAt: at },
    select: { id: true },
  });
  if (previous) {
    await tx.conversationEvent.create({
      data: { conversationId: created.id, type: "reopened", actor: "customer", data: { previousConversationId: previous.id }, createdAt: at },
    });
  }
  return created.id;
}

async function recordOnce(prisma: PrismaClient, sms: InboundSmsRecord): Promise<RecordedInbound> {
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.upsert({
      where: { dealershipId_phone: { dealershipId: sms.dealershipId, phone: sms.from } },
      create: { dealershipId: sms.dealershipId, phone: sms.from },
      update: {},
      select: { id: true },
    });
    // One customer's texts are filed one at a time, across replicas: no two open conversations.
    await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${customer.id} FOR UPDATE`;
    const duplicate = await findByProviderId(tx, sms.providerId);
    if (duplicate) return duplicate;

    const conversationId = await openConversation(tx, sms.dealershipId, customer.id, sms.receivedAt);
    const message = await tx.message.create({
      data: {
        conversationId,
        direction: "inbound",
        author: "customer",
        body: sms.body,
        numMedia: sms.numMedia,
        providerId: sms.providerId,
        status: "received",
        createdAt: sms.receivedAt,
      },
      select: { id: true },
    });
    await tx.conversation.update({ where: { id: conversationId }, data: { lastCustomerAt: sms.receivedAt } });
    return { messageId: message.id, conversationId, duplicate: false };
  });
}

/** Durable before acknowledged: the text is in the database before the webhook is answered. */
export function recordInbound(prisma: PrismaClient, sms: InboundSmsRecord): Promise<RecordedInbound> {
  // Two first texts from a new customer race on the customer row or the MessageSid: one row wins.
  return findOrRecord(() => findByProviderId(prisma, sms.providerId), () => recordOnce(prisma, sms));
}
