import { buildWebhookEvent } from "../../crm/build-webhook-event.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { done } from "../follow-up-jobs/job-outcome.js";
import { retryOrGiveUp } from "./deliver-or-retry.js";

/**
 * Delivers one event to the rooftop's webhook, signed, with the same event id on every try. Runs
 * for an opted-out customer too: the store must know, and nothing here texts anyone.
 */
export function crmWebhookHandler(deps: FollowUpDeps): JobHandler<"crm_webhook"> {
  return async (job) => {
    const rooftop = deps.rooftops.get(job.dealershipId);
    const target = rooftop.crm?.webhook;
    if (!target || !deps.crm?.webhook) return done("no webhook configured now");
    const conversation = job.conversationId ? await deps.store.getConversation(job.conversationId) : undefined;
    if (!conversation) return done("conversation not found");
    const event = buildWebhookEvent(conversation, rooftop, job.payload);
    try {
      await deps.crm.webhook.deliver(target, event);
      return done(`delivered on try ${job.payload.tries}`);
    } catch (error) {
      return retryOrGiveUp(deps, { ...job.payload, dealershipId: job.dealershipId }, job.payload, error, {
        door: `the ${event.type} event`,
        about: conversation,
      });
    }
  };
}
