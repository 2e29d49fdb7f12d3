import { businessTimeBetween, openingHoursFor } from "../../follow-up/business-hours.js";
import { formatDuration } from "../../follow-up/format-duration.js";
import { describeReason } from "../../handoff/describe-reason.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import { settingsFor, type FollowUpDeps } from "../follow-up-deps.js";
import { describeForManagers } from "../flag-for-managers.js";
import { done } from "./job-outcome.js";

/**
 * A handoff nobody claimed within the target (step 1) or 3× the target (step 2): re-announced in
 * the channel and posted to the managers with the waiting time and a link to the card. A claim,
 * a hand-back or a resolve since then makes it a no-op; nothing escalates silently.
 */
export function escalationHandler(deps: FollowUpDeps): JobHandler<"escalation"> {
  return async (job) => {
    const { step, handoffAt: planned, targetMs } = job.payload;
    const conversation = job.conversationId ? await deps.store.getConversation(job.conversationId) : undefined;
    if (!conversation || conversation.status !== "pending" || conversation.handoffAt?.toISOString() !== planned)
      return done("claimed or moved on");

    const now = deps.clock.now();
    const rooftop = deps.rooftops.get(conversation.dealershipId);
    const hours = openingHoursFor(
      rooftop.knowledge,
      conversation.department,
      settingsFor(deps, conversation.dealershipId).sendingWindow,
    );
    const waitedMs = now.getTime() - conversation.handoffAt.getTime();
    const businessMs = businessTimeBetween(conversation.handoffAt, now, rooftop.timezone, hours);
    const waited =
      formatDuration(waitedMs) +
      (waitedMs - businessMs > 60_000 ? ` (${formatDuration(businessMs)} in business hours)` : "");
    // Late (the scheduler was down): step 2 says it all, managers need not read two alerts at once.
    if (step === 1 && businessMs >= 3 * targetMs) return done("superseded by step 2");
    const target = step === 1 ? `target ${formatDuration(targetMs)}` : `3× the ${formatDuration(targetMs)} target`;

    if (conversation.thread) {
      await deps.staffChat.postInThread(conversation.thread, {
        kind: "warning",
        broadcast: true,
        text: `Still unclaimed: the customer has waited ${waited} (${target}). Can someone take it? Click Claim on the card.`,
      });
    }
    const posted = await deps.staffChat.postToManagers(conversation.dealershipId, {
      kind: "alert",
      text: `Unclaimed handoff, waiting ${waited} (${target}). ${describeReason(conversation.handoffReason)}. ${describeForManagers(conversation)}`,
      thread: conversation.thread,
    });
    if (!posted) {
      deps.logger.warn(
        { conversationId: conversation.id, step },
        "escalation: no manager channel is configured (SLACK_MANAGER_CHANNEL)",
      );
      if (conversation.thread && step === 1) {
        await deps.staffChat.postInThread(conversation.thread, {
          kind: "system",
          text: "No manager channel is set (SLACK_MANAGER_CHANNEL), so this was not copied to managers.",
        });
      }
    }
    await deps.store.appendEvent({
      conversationId: conversation.id,
      type: "escalated",
      actor: "system",
      data: { step, waitedMs, businessMs, managersTold: posted },
      at: now,
    });
    return done(`escalated step ${step}`);
  };
}
