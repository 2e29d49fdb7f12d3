import { describeLead } from "../../follow-up/describe-lead.js";
import { writeNudge } from "../../follow-up/nudge-text.js";
import { MAX_NUDGES_PER_SILENCE } from "../../follow-up/settings.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import { settingsFor, type FollowUpDeps } from "../follow-up-deps.js";
import { deferred, done, slotOf } from "./job-outcome.js";

/**
 * One nudge of a silence. Everything is checked again now, not when it was planned: the
 * conversation is still the AI's, the customer has not written since, and the gateway checks
 * opt-out, ownership and quiet hours at the moment of sending.
 */
export function nudgeHandler(deps: FollowUpDeps): JobHandler<"nudge"> {
  return async (job) => {
    const payload = job.payload;
    // Read as the gateway checks it, and handed to it: the send's rules see this very read.
    const current = job.conversationId ? await deps.gateway.read(job.conversationId) : undefined;
    if (!current) return done("no conversation");
    const { conversation } = current;
    if (conversation.status !== "ai") return done(`conversation is ${conversation.status}`);
    const silenceStart = new Date(payload.silenceStart);
    const lastText = conversation.lastCustomerAt;
    if (lastText && lastText.getTime() > silenceStart.getTime()) return done("customer wrote");

    const cadence = settingsFor(deps, conversation.dealershipId).nudgeCadenceMs.slice(0, MAX_NUDGES_PER_SILENCE);
    const rooftop = deps.rooftops.get(conversation.dealershipId);
    const history = await deps.store.listMessages(conversation.id, 200);
    const body = writeNudge({
      attempt: payload.attempt,
      total: cadence.length,
      question: payload.question,
      context: describeLead(
        conversation.lead,
        conversation.department,
        conversation.customer.name,
        conversation.language,
      ),
      dealershipName: rooftop.name,
      alreadySent: new Set(history.filter((m) => m.direction === "outbound").map((m) => m.body)),
    });
    const result = await deps.gateway.sendScheduled({
      conversationId: conversation.id,
      body,
      author: "ai",
      purpose: "nudge",
      idempotencyKey: `nudge:${job.id}`,
      slotAt: slotOf(job.payload),
      current,
    });
    if (result.outcome === "deferred") return deferred(result, job.payload);
    if (result.outcome === "refused") return done(`refused: ${result.reason}`);
    if (result.outcome === "failed" && result.permanent) return done(`failed for good: ${result.reason}`);

    if (result.outcome === "sent" && conversation.thread) {
      await deps.staffChat.postInThread(conversation.thread, {
        kind: "ai",
        text: `(nudge ${payload.attempt} of ${cadence.length}) ${body}`,
      });
    }
    if (payload.attempt < cadence.length) {
      // Offsets count from the start of the silence; a deferred nudge never crowds the next one.
      const next = payload.attempt + 1;
      const dueAt = Math.max(
        silenceStart.getTime() + cadence[payload.attempt]!,
        deps.clock.now().getTime() + 60 * 60_000,
      );
      await deps.jobs.schedule({
        type: "nudge",
        dealershipId: conversation.dealershipId,
        conversationId: conversation.id,
        dueAt: new Date(dueAt),
        payload: {
          series: payload.series,
          silenceStart: payload.silenceStart,
          attempt: next,
          question: payload.question,
        },
        dedupeKey: `nudge:${conversation.id}:${payload.series}:${next}`,
      });
    }
    return done(result.outcome);
  };
}
