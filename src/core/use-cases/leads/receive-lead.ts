import type { IncomingLead } from "../../leads/lead.js";
import { crmJobs } from "../crm/crm-jobs.js";
import { prepareLead } from "../../leads/prepare-lead.js";
import type { LeadKind, StoredLead } from "../../ports/lead-store.js";
import type { LeadDeps } from "./lead-deps.js";
import { sendFirstTouch } from "./send-first-touch.js";
import { describeLeadForThread, noteLeadInThread, showLeadToPeople } from "./show-lead-to-people.js";

export interface LeadReceipt {
  leadId: string;
  conversationId?: string;
  /** redelivered: this provider lead id came before; nothing new was stored. */
  status: LeadKind | "redelivered";
  /** What happens next: a first text, or a person (no consent, no mobile number), or nothing new. */
  next: "first_text" | "person" | "nothing";
}

/**
 * A web or ADF lead: stored at once in one transaction (`receive`, before the sender gets its
 * answer), then answered in the background (`process`): the AI's first text within seconds, or a
 * card for a person to call or e-mail.
 */
export class LeadIntake {
  constructor(private readonly deps: LeadDeps) {}

  /**
   * Checks every lead of one delivery, then stores each (one transaction per lead). Throws
   * LeadRejected before anything is stored when any of them cannot be taken.
   */
  async receive(dealershipId: string, leads: IncomingLead[], raw?: string): Promise<LeadReceipt[]> {
    const rooftop = this.deps.rooftops.get(dealershipId);
    const receivedAt = this.deps.clock.now();
    const prepared = leads.map((lead) => prepareLead({ lead, dealershipId, settings: rooftop.leads, receivedAt, raw }));
    const receipts: LeadReceipt[] = [];
    for (const { record } of prepared) {
      const recorded = await this.deps.leads.recordLead({
        ...record,
        jobsIfOpened: crmJobs(
          this.deps,
          { dealershipId, department: record.department },
          "conversation.created",
          receivedAt,
          {
            channel: record.channel,
          },
        ),
      });
      if (recorded.redelivered) {
        receipts.push({
          leadId: recorded.leadId,
          conversationId: recorded.conversationId,
          status: "redelivered",
          next: "nothing",
        });
        continue;
      }
      const next = recorded.kind === "repeat" ? "nothing" : record.firstTouch === "pending" ? "first_text" : "person";
      this.deps.logger.info(
        {
          leadId: recorded.leadId,
          conversationId: recorded.conversationId,
          channel: record.channel,
          kind: recorded.kind,
          next,
        },
        "lead received",
      );
      receipts.push({ leadId: recorded.leadId, conversationId: recorded.conversationId, status: recorded.kind, next });
    }
    return receipts;
  }

  /** Answers a stored lead once; safe to run again (the first text has an idempotency key). */
  async process(leadId: string): Promise<void> {
    const lead = await this.deps.leads.getLead(leadId);
    if (!lead) return;
    if (!lead.conversationId) return this.showWithoutPhone(lead);
    if (lead.firstTouch === "pending") return this.firstText(lead);
    if (lead.kind === "repeat") return noteLeadInThread(this.deps, lead, "The same lead came again within 24 hours");
    await showLeadToPeople(
      this.deps,
      lead.conversationId,
      describeLeadForThread(lead, lead.kind === "new" ? "New lead" : "Another lead came in"),
    );
  }

  private async firstText(lead: StoredLead): Promise<void> {
    if (lead.kind === "appended") await noteLeadInThread(this.deps, lead, "Another lead came in");
    const result = await sendFirstTouch(this.deps, lead);
    if (result.kind !== "deferred") return;
    // Outside the sending window (or behind the pace): the scheduler sends it at its slot.
    await this.deps.jobs.schedule({
      type: "first_touch",
      dealershipId: lead.dealershipId,
      conversationId: lead.conversationId,
      dueAt: result.until,
      payload: { leadId: lead.id, slotAt: result.until.toISOString() },
      dedupeKey: `first-touch:${lead.id}`,
    });
  }

  /** No phone number, so no conversation: the managers get it to e-mail, with everything it said. */
  private async showWithoutPhone(lead: StoredLead): Promise<void> {
    const who = [lead.customerName, lead.email].filter(Boolean).join(", ");
    const text = `${describeLeadForThread(lead, "New lead with no phone number")} Please e-mail ${who}.`;
    const posted = await this.deps.staffChat.postToManagers(lead.dealershipId, {
      kind: "alert",
      text,
      orHandoffChannel: true,
    });
    if (!posted)
      this.deps.logger.error(
        { leadId: lead.id },
        "a lead with no phone number arrived, but no staff channel could show it; it is stored",
      );
  }
}
