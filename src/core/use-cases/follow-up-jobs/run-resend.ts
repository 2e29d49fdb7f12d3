import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { raiseHandoff } from "../raise-handoff.js";
import { done } from "./job-outcome.js";

/**
 * A reply the SMS provider refused for now, tried again (see SmsGateway.retry). Sent late, the
 * thread shows what the customer got; given up, a person is raised to reach the customer, since
 * otherwise nobody would know they were never answered.
 */
export function resendHandler(deps: FollowUpDeps): JobHandler<"resend"> {
  return async (job) => {
    const { messageId, retry, askFirst } = job.payload;
    const outcome = await deps.gateway.retry(messageId, retry, askFirst);
    if (outcome.kind === "skipped") return done("already settled");
    const { message, conversation } = outcome;
    if (outcome.kind === "sent" && message.author === "ai" && conversation.thread) {
      await deps.staffChat.postInThread(conversation.thread, { kind: "ai", text: message.body });
    }
    if (outcome.kind === "gave_up" && conversation.status === "ai") {
      const why = "Baton could not get its reply to the customer: the SMS provider kept failing for several minutes.";
      if (await raiseHandoff(deps, conversation, { handoffReason: "not_delivered", why, actor: "system" }))
        await deps.followUps?.handedOff(conversation.id);
    }
    return done(
      outcome.kind === "refused" || outcome.kind === "stale" ? `${outcome.kind}: ${outcome.reason}` : outcome.kind,
    );
  };
}
