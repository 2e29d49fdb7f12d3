import { buildCrmLead } from "../../crm/build-crm-lead.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { done } from "../follow-up-jobs/job-outcome.js";
import { retryOrGiveUp } from "./deliver-or-retry.js";

/** The conversation as the lead's comments carry it: the newest messages, up to this many. */
const TRANSCRIPT_LIMIT = 200;
const DAY_MS = 24 * 3600_000;

/**
 * E-mails one ADF lead to the rooftop's CRM address. Not when the conversation began as an ADF
 * lead (it came from a CRM or a provider that feeds one: sending it back would duplicate it), and
 * not when this customer and department went to the CRM within CRM_DEDUPE_DAYS, whichever
 * conversation or replica sent it (taken in the database before sending).
 */
export function crmLeadHandler(deps: FollowUpDeps): JobHandler<"crm_lead"> {
  return async (job) => {
    const rooftop = deps.rooftops.get(job.dealershipId);
    const to = rooftop.crm?.adfEmail;
    const crm = deps.crm;
    if (!to || !crm?.mailer) return done("no ADF address configured now");
    const conversation = job.conversationId ? await deps.store.getConversation(job.conversationId) : undefined;
    if (!conversation) return done("conversation not found");
    if (conversation.leadSource?.channel === "adf") return done("began as an ADF lead: not sent back");
    const now = deps.clock.now();
    const claim = {
      customerId: conversation.customer.id,
      department: job.payload.department,
      jobId: job.id,
      at: now,
      since: new Date(now.getTime() - crm.dedupeDays * DAY_MS),
    };
    if (!(await crm.store.takeLeadSend(claim))) return done(`already sent within ${crm.dedupeDays} days`);
    const messages = await deps.store.listMessages(conversation.id, TRANSCRIPT_LIMIT);
    try {
      await crm.mailer.sendLead(to, buildCrmLead(conversation, messages, rooftop, job.payload.department, now));
      return done(`sent on try ${job.payload.tries}`);
    } catch (error) {
      const outcome = await retryOrGiveUp<"crm_lead">(
        deps,
        { ...job.payload, dealershipId: job.dealershipId },
        job.payload,
        error,
        { door: "the lead (ADF e-mail)", about: conversation },
      );
      // Given up: a later lead of this customer may go, as if this one never had.
      if (outcome.kind === "failed") await crm.store.releaseLeadSend(claim);
      return outcome;
    }
  };
}
