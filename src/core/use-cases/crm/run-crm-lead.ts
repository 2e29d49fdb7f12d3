import { buildCrmLead } from "../../crm/build-crm-lead.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { done } from "../follow-up-jobs/job-outcome.js";
import { retryOrGiveUp } from "./deliver-or-retry.js";

/** The conversation as the lead's comments carry it: the newest messages, up to this many. */
const TRANSCRIPT_LIMIT = 200;
const DAY_MS = 24 * 3600_000;
/** How long a lead waits while another job of the same customer and department is still trying. */
const BUSY_WAIT_MS = 5 * 60_000;

/**
 * E-mails one ADF lead to the rooftop's CRM address. Not when any lead of the conversation came by
 * ADF (from a CRM or a provider that feeds one: sending it back would duplicate it), and
 * not when this customer and department went to the CRM within CRM_DEDUPE_DAYS, whichever
 * conversation or replica sent it (taken in the database before sending). The claim is kept only
 * by a lead that went: given up on, it is given back before anyone is told.
 */
export function crmLeadHandler(deps: FollowUpDeps): JobHandler<"crm_lead"> {
  return async (job) => {
    const rooftop = deps.rooftops.get(job.dealershipId);
    const to = rooftop.crm?.adfEmail;
    const crm = deps.crm;
    if (!to || !crm?.mailer) return done("no ADF address configured now");
    const conversation = job.conversationId ? await deps.store.getConversation(job.conversationId) : undefined;
    if (!conversation) return done("conversation not found");
    if (conversation.leadSource?.byAdf) return done("came as an ADF lead: not sent back");
    const now = deps.clock.now();
    // Built before the claim is taken: a lead that cannot be built (a bug) holds nothing.
    const messages = await deps.store.listMessages(conversation.id, TRANSCRIPT_LIMIT);
    const lead = buildCrmLead(conversation, messages, rooftop, job.payload.department, now);
    const claim = {
      customerId: conversation.customer.id,
      department: job.payload.department,
      jobId: job.id,
      at: now,
      since: new Date(now.getTime() - crm.dedupeDays * DAY_MS),
    };
    const taken = await crm.store.takeLeadSend(claim);
    if (taken === "sent") return done(`already sent within ${crm.dedupeDays} days`);
    // Another lead of this customer is still trying: this one goes only if that one gives up.
    if (taken === "busy") return { kind: "defer", until: new Date(now.getTime() + BUSY_WAIT_MS), payload: job.payload };
    try {
      await crm.mailer.sendLead(to, lead);
      return done(`sent on try ${job.payload.tries}`);
    } catch (error) {
      return await retryOrGiveUp<"crm_lead">(
        deps,
        { ...job.payload, dealershipId: job.dealershipId },
        job.payload,
        error,
        // Given up: a later lead of this customer may go, as if this one never had.
        { door: "the lead (ADF e-mail)", about: conversation, givingUp: () => crm.store.releaseLeadSend(claim) },
      );
    }
  };
}
