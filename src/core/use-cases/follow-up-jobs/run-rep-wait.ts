import { formatDuration } from "../../follow-up/format-duration.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { done } from "./job-outcome.js";

/**
 * A claimed conversation gets no automatic nudge to the customer; its owner gets a reminder
 * in the thread instead, when the customer has waited too long for them.
 */
export function repWaitHandler(deps: FollowUpDeps): JobHandler<"rep_wait"> {
  return async (job) => {
    const conversation = job.conversationId ? await deps.store.getConversation(job.conversationId) : undefined;
    if (!conversation || conversation.status !== "claimed" || !conversation.owner) return done("no longer claimed");
    if (conversation.customer.optedOut) return done("opted out");
    const since = new Date(job.payload.waitingSince);
    if (await deps.followUpStore.repRepliedSince(conversation.id, since)) return done("rep replied");
    if (!conversation.thread) return done("no thread");

    const waited = formatDuration(deps.clock.now().getTime() - since.getTime());
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "warning",
      mention: conversation.owner.id,
      text: `${conversation.owner.name}, the customer has been waiting ${waited} for your reply. Reply in this thread, or hand it back to the AI.`,
    });
    await deps.store.appendEvent({
      conversationId: conversation.id,
      type: "rep_reminded",
      actor: "system",
      data: { ownerId: conversation.owner.id, waitedMs: deps.clock.now().getTime() - since.getTime() },
      at: deps.clock.now(),
    });
    return done("reminded");
  };
}
