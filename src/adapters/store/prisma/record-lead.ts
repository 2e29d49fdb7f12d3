import { insertJobs } from "./outbox-jobs.js";
import { mergeLead } from "../../../core/conversation/conversation.js";
import type { LeadFields } from "../../../core/ports/brain.js";
import type { NewLead, RecordedLead } from "../../../core/ports/lead-store.js";
import type { Prisma, PrismaClient } from "./generated/client.js";
import { findOrRecord } from "./is-unique-violation.js";

type Tx = Prisma.TransactionClient;

async function findRedelivery(db: Tx | PrismaClient, dedupeKey: string | undefined): Promise<RecordedLead | undefined> {
  if (!dedupeKey) return undefined;
  const row = await db.lead.findUnique({ where: { dedupeKey }, select: { id: true, conversationId: true } });
  return row ? { redelivered: true, leadId: row.id, conversationId: row.conversationId ?? undefined } : undefined;
}

/** The customer's open conversation with the lead merged in, or a new one (linked to the last closed one). */
async function fileInConversation(
  tx: Tx,
  lead: NewLead,
  customerId: string,
): Promise<{ id: string; created: boolean }> {
  const open = await tx.conversation.findFirst({
    where: { customerId, status: { not: "resolved" } },
    orderBy: { createdAt: "desc" },
    select: { id: true, lead: true, summary: true },
  });
  if (open) {
    const merged = mergeLead((open.lead ?? {}) as LeadFields, lead.fields);
    await tx.conversation.update({
      where: { id: open.id },
      data: { lead: merged as Prisma.InputJsonValue, summary: open.summary ?? lead.summary },
    });
    return { id: open.id, created: false };
  }
  const previous = await tx.conversation.findFirst({
    where: { customerId },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const created = await tx.conversation.create({
    data: {
      dealershipId: lead.dealershipId,
      customerId,
      previousConversationId: previous?.id,
      department: lead.department,
      intent: "web_lead",
      lead: mergeLead({}, lead.fields) as Prisma.InputJsonValue,
      summary: lead.summary,
    },
    select: { id: true },
  });
  return { id: created.id, created: true };
}

async function recordOnce(prisma: PrismaClient, lead: NewLead): Promise<RecordedLead> {
  return prisma.$transaction(async (tx) => {
    let conversation: { id: string; created: boolean } | undefined;
    let customerId: string | undefined;
    if (lead.phone) {
      const customer = await tx.customer.upsert({
        where: { dealershipId_phone: { dealershipId: lead.dealershipId, phone: lead.phone } },
        create: { dealershipId: lead.dealershipId, phone: lead.phone, name: lead.customerName },
        update: {},
        select: { id: true, name: true },
      });
      // One customer's leads and texts are filed one at a time, across replicas.
      await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${customer.id} FOR UPDATE`;
      if (!customer.name && lead.customerName)
        await tx.customer.update({ where: { id: customer.id }, data: { name: lead.customerName } });
      customerId = customer.id;
    }
    const redelivery = await findRedelivery(tx, lead.dedupeKey);
    if (redelivery) return redelivery;

    const since = new Date(lead.receivedAt.getTime() - lead.repeatWindowMs);
    const person: Prisma.LeadWhereInput = lead.phone
      ? { phone: lead.phone }
      : { phone: null, email: { equals: lead.email ?? "", mode: "insensitive" } };
    const repeatOf = await tx.lead.findFirst({
      where: {
        dealershipId: lead.dealershipId,
        receivedAt: { gte: since },
        vehicleKey: lead.vehicleKey ?? null,
        ...person,
      },
      orderBy: { receivedAt: "desc" },
      select: { id: true },
    });
    if (customerId) conversation = await fileInConversation(tx, lead, customerId);
    const kind = repeatOf ? "repeat" : conversation && !conversation.created ? "appended" : "new";
    const row = await tx.lead.create({
      data: {
        dealershipId: lead.dealershipId,
        conversationId: conversation?.id,
        source: lead.channel,
        providerName: lead.providerName,
        providerLeadId: lead.providerLeadId,
        dedupeKey: lead.dedupeKey,
        vendorName: lead.vendorName,
        vehicle: (lead.vehicle ?? {}) as Prisma.InputJsonValue,
        vehicleKey: lead.vehicleKey,
        comments: lead.comments,
        phone: lead.phone,
        email: lead.email,
        customerName: lead.customerName,
        smsConsent: lead.smsConsent,
        consentSource: lead.consentSource,
        consentText: lead.consentText,
        kind,
        repeatOfId: repeatOf?.id,
        firstTouch: repeatOf ? "skipped:repeat" : lead.firstTouch,
        receivedAt: lead.receivedAt,
        requestedAt: lead.requestedAt,
        raw: lead.raw,
      },
      select: { id: true },
    });
    if (conversation?.created)
      await insertJobs(
        tx,
        lead.jobsIfOpened?.map((job) => ({ ...job, conversationId: conversation.id })),
      );
    if (conversation) {
      await tx.conversationEvent.create({
        data: {
          conversationId: conversation.id,
          type: "lead_received",
          actor: "system",
          data: { leadId: row.id, kind, channel: lead.channel, provider: lead.providerName ?? null },
          createdAt: lead.receivedAt,
        },
      });
    }
    return { redelivered: false, leadId: row.id, conversationId: conversation?.id, kind };
  });
}

/** All or nothing: the customer, the conversation, the lead row and its event, in one transaction. */
export function recordLead(prisma: PrismaClient, lead: NewLead): Promise<RecordedLead> {
  // Two deliveries of one lead (or two first leads of one new customer) may race: one row wins.
  return findOrRecord(
    () => findRedelivery(prisma, lead.dedupeKey),
    () => recordOnce(prisma, lead),
  );
}
