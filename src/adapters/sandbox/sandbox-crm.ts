import type { CrmWebhookEvent } from "../../core/crm/crm-event.js";
import type { CrmLead } from "../../core/crm/crm-lead.js";
import type { Clock } from "../../core/ports/clock.js";
import type { EventWebhook, LeadMailer, WebhookTarget } from "../../core/ports/crm.js";
import { writeAdf } from "../crm/adf/write-adf.js";
import type { SandboxFeed } from "./sandbox-feed.js";

/**
 * The CRM on the sandbox page, in place of the mail server and the webhook: nothing leaves the
 * machine. A lead is the very ADF/XML document the SMTP mailer would send (writeAdf, in the
 * rooftop's zone); an event is the very JSON body the webhook would get. Both are "delivered" at
 * once, so the jobs that send them end done, as they would with a CRM that took them.
 */
export class SandboxCrm implements LeadMailer, EventWebhook {
  constructor(
    private readonly options: {
      feed: SandboxFeed;
      clock: Clock;
      /** The rooftop's IANA zone: the ADF's request date and transcript times are written in it. */
      timezone: string;
    },
  ) {}

  async sendLead(to: string, lead: CrmLead): Promise<void> {
    this.options.feed.publish({
      type: "adf",
      to,
      adf: this.adfOf(lead),
      conversationId: lead.conversationId,
      customer: { name: lead.customer.name, phone: lead.customer.phone },
      department: lead.department,
      at: this.at(),
    });
  }

  async deliver(target: WebhookTarget, event: CrmWebhookEvent): Promise<void> {
    // The secret and the URL's path (a Zapier or n8n URL's secret) stay off the page: its host says where.
    this.options.feed.publish({ type: "webhook", host: hostOf(target.url), event, at: this.at() });
  }

  /** The document in the rooftop's zone; in UTC if that zone is unknown here (config checks it: never expected). */
  private adfOf(lead: CrmLead): string {
    try {
      return writeAdf(lead, { timezone: this.options.timezone });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return writeAdf({ ...lead, requestedAt: validDate(lead.requestedAt, this.options.clock) }, { timezone: "UTC" });
    }
  }

  private at(): string {
    return this.options.clock.now().toISOString();
  }
}

/** An invalid request date (writeAdf's other RangeError) becomes now. */
function validDate(date: Date, clock: Clock): Date {
  return Number.isFinite(date.getTime()) ? date : clock.now();
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || "the webhook";
  } catch {
    return "the webhook";
  }
}
