import type { LeadChannel, LeadSource, LeadVehicle } from "../../../core/leads/lead.js";
import type { LeadKind, StoredLead } from "../../../core/ports/lead-store.js";
import type { Prisma } from "./generated/client.js";

type LeadRow = Prisma.LeadGetPayload<object>;

/** The leads a conversation's card shows: the newest, and whether any agreed to texts. */
export const LEADS_FOR_CARD = {
  orderBy: { receivedAt: "desc" },
  take: 20,
  select: {
    source: true,
    providerName: true,
    providerLeadId: true,
    vendorName: true,
    vehicle: true,
    comments: true,
    smsConsent: true,
    firstTouch: true,
    firstTouchAt: true,
    receivedAt: true,
  },
} as const satisfies Prisma.Conversation$leadsArgs;

export type LeadCardRow = Prisma.LeadGetPayload<{ select: (typeof LEADS_FOR_CARD)["select"] }>;

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function toVehicle(value: Prisma.JsonValue): LeadVehicle | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) return undefined;
  return value as LeadVehicle;
}

/** Undefined for a conversation that did not start as a lead. */
export function toLeadSource(rows: LeadCardRow[] | undefined): LeadSource | undefined {
  const newest = rows?.[0];
  if (!rows || !newest) return undefined;
  return {
    channel: newest.source as LeadChannel,
    provider: opt(newest.providerName),
    vendor: opt(newest.vendorName),
    vehicle: toVehicle(newest.vehicle),
    comments: opt(newest.comments),
    providerLeadId: opt(newest.providerLeadId),
    receivedAt: newest.receivedAt,
    smsConsent: rows.some((r) => r.smsConsent),
    firstTouch: newest.firstTouch,
    firstTouchAt: opt(newest.firstTouchAt),
    leadCount: rows.length,
    byAdf: rows.some((r) => r.source === "adf"),
  };
}

export function toStoredLead(row: LeadRow): StoredLead {
  return {
    id: row.id,
    dealershipId: row.dealershipId,
    conversationId: opt(row.conversationId),
    channel: row.source as LeadChannel,
    kind: row.kind as LeadKind,
    providerName: opt(row.providerName),
    vendorName: opt(row.vendorName),
    vehicle: toVehicle(row.vehicle),
    comments: opt(row.comments),
    email: opt(row.email),
    customerName: opt(row.customerName),
    smsConsent: row.smsConsent,
    firstTouch: row.firstTouch,
    receivedAt: row.receivedAt,
    firstTouchAt: opt(row.firstTouchAt),
  };
}
