import { describeLead } from "../../follow-up/describe-lead.js";
import { writeRepFollowUp } from "../../follow-up/reminder-text.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { deferred, done, slotOf } from "./job-outcome.js";

/** The follow-up a rep asked for (`/baton followup 3d`), sent on time in their name, with the context. */
export function repFollowUpHandler(deps: FollowUpDeps): JobHandler<"rep_followup"> {
  return async (job) => {
    const { repName, note, requestedAt } = job.payload;
    const conversation = job.conversationId ? await deps.store.getConversation(job.conversationId) : undefined;
    if (!conversation) return done("no conversation");
    const lastText = await deps.followUpStore.lastCustomerTextAt(conversation.id);
    if (lastText && lastText.getTime() > new Date(requestedAt).getTime()) {
      // The customer came back on their own: a scripted "following up" would read oddly now.
      if (conversation.thread) {
        await deps.staffChat.postInThread(conversation.thread, {
          kind: "system",
          text: `Skipped the follow-up ${repName} asked for: the customer wrote since.`,
        });
      }
      return done("customer wrote");
    }
    const rooftop = deps.rooftops.get(conversation.dealershipId);
    const body = writeRepFollowUp({
      repName,
      dealershipName: rooftop.name,
      context: describeLead(
        conversation.lead,
        conversation.department,
        conversation.customer.name,
        conversation.language,
      ),
      note,
    });
    const result = await deps.gateway.sendScheduled({
      conversationId: conversation.id,
      body,
      author: "ai",
      authorName: repName,
      purpose: "rep_followup",
      idempotencyKey: `rep-followup:${job.id}`,
      slotAt: slotOf(job.payload),
    });
    if (result.outcome === "deferred") return deferred(result, job.payload);
    if (conversation.thread && result.outcome !== "duplicate") {
      const text =
        result.outcome === "sent"
          ? `Follow-up sent, as ${repName} asked: ${body}`
          : `The follow-up ${repName} asked for was not sent (${result.outcome === "refused" ? result.reason.replace(/_/g, " ") : "delivery failed"}).`;
      await deps.staffChat.postInThread(conversation.thread, {
        kind: result.outcome === "sent" ? "ai" : "warning",
        text,
      });
    }
    return done(result.outcome === "refused" ? `refused: ${result.reason}` : result.outcome);
  };
}
