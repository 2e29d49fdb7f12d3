import type { JobHandlers } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { appointmentReminderHandler } from "./run-appointment-reminder.js";
import { digestHandler } from "./run-digest.js";
import { firstTouchHandler } from "../leads/run-first-touch-job.js";
import { escalationHandler } from "./run-escalation.js";
import { nudgeHandler } from "./run-nudge.js";
import { postCardHandler } from "./run-post-card.js";
import { repFollowUpHandler } from "./run-rep-followup.js";
import { resendHandler } from "./run-resend.js";
import { repWaitHandler } from "./run-rep-wait.js";
import { fetchMediaHandler } from "../media/run-fetch-media.js";
import { crmLeadHandler } from "../crm/run-crm-lead.js";
import { crmWebhookHandler } from "../crm/run-crm-webhook.js";

/** One handler per job type; the record type makes a new type without a handler a compile error. */
export function createJobHandlers(deps: FollowUpDeps): JobHandlers {
  return {
    nudge: nudgeHandler(deps),
    appointment_reminder: appointmentReminderHandler(deps),
    rep_followup: repFollowUpHandler(deps),
    rep_wait: repWaitHandler(deps),
    escalation: escalationHandler(deps),
    digest: digestHandler(deps),
    first_touch: firstTouchHandler(deps),
    post_card: postCardHandler(deps),
    resend: resendHandler(deps),
    fetch_media: fetchMediaHandler(deps),
    crm_webhook: crmWebhookHandler(deps),
    crm_lead: crmLeadHandler(deps),
  };
}
