import type { LeadStore, NewLead, RecordedLead, StoredLead } from "../../../core/ports/lead-store.js";
import type { PrismaClient } from "./generated/client.js";
import { toStoredLead } from "./map-lead-rows.js";
import { recordLead } from "./record-lead.js";

/** Leads on the same database as the conversations they open. */
export class PrismaLeadStore implements LeadStore {
  constructor(private readonly prisma: PrismaClient) {}

  recordLead(lead: NewLead): Promise<RecordedLead> {
    return recordLead(this.prisma, lead);
  }

  async getLead(id: string): Promise<StoredLead | undefined> {
    const row = await this.prisma.lead.findUnique({ where: { id } });
    return row ? toStoredLead(row) : undefined;
  }

  async markFirstTouch(id: string, status: string, at?: Date): Promise<void> {
    await this.prisma.lead.update({ where: { id }, data: { firstTouch: status, ...(at ? { firstTouchAt: at } : {}) } });
  }

  async listPendingFirstTouches(limit: number): Promise<string[]> {
    const rows = await this.prisma.lead.findMany({
      where: { firstTouch: "pending" },
      orderBy: { receivedAt: "asc" },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }
}
