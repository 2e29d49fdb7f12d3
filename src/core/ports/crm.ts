import { BatonError } from "../errors/baton-error.js";
import type { CrmLead } from "../crm/crm-lead.js";
import type { CrmWebhookEvent } from "../crm/crm-event.js";

/**
 * A CRM delivery that did not happen. `permanent`: trying again cannot help (a refused address,
 * a 4xx from the webhook); otherwise it is retried with backoff (a server down, a 5xx, a timeout).
 */
export class CrmDeliveryError extends BatonError {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(permanent ? "crm_rejected" : "crm_unavailable", message);
  }
}

/** Sends a lead to a CRM's lead address as one ADF/XML e-mail. Throws CrmDeliveryError. */
export interface LeadMailer {
  sendLead(to: string, lead: CrmLead): Promise<void>;
}

/** Where a rooftop's events go: its URL and the secret that signs them. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** Posts one signed event to a webhook. Throws CrmDeliveryError. */
export interface EventWebhook {
  deliver(target: WebhookTarget, event: CrmWebhookEvent): Promise<void>;
}

/** One ADF send held for a customer and department: the CRM_DEDUPE_DAYS window, across conversations and replicas. */
export interface LeadSendClaim {
  customerId: string;
  department: string;
  /** The job sending it: its own retries may take it again. */
  jobId: string;
  at: Date;
  /** A send at or after this keeps the customer from being sent again. */
  since: Date;
}

/** What the CRM's deliveries need from the database besides the jobs themselves. */
export interface CrmStore {
  /**
   * Takes the customer and department for this job: `taken`; `sent` when another job sent them
   * since `claim.since`; `busy` while another job still holds them, trying (this one waits its turn,
   * since that job may yet give up). A holder that failed without giving the claim back loses it.
   */
  takeLeadSend(claim: LeadSendClaim): Promise<"taken" | "sent" | "busy">;
  /** Gives it back after a send given up on, so a later lead may go. */
  releaseLeadSend(claim: LeadSendClaim): Promise<void>;
  /** CRM deliveries given up on since `since`, and those still waiting to go (all rooftops, or one). */
  deliveryCounts(since: Date, dealershipId?: string): Promise<{ failed: number; waiting: number }>;
}

/** The CRM's doors; a rooftop uses those its settings name. */
export interface CrmPorts {
  mailer?: LeadMailer;
  webhook?: EventWebhook;
  store: CrmStore;
  /** CRM_DEDUPE_DAYS. */
  dedupeDays: number;
}
