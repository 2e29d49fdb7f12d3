import { maskPhone } from "../compliance/mask-phone.js";
import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { SmsSendError } from "../ports/sms.js";
import type { SmsGatewayDeps } from "./gateway-types.js";
import { nextRetryAt } from "./retry-schedule.js";
import { explainSendFailure } from "./send-failure.js";
import type { ScheduledPurpose, SendPurpose } from "./send-refusal.js";
import { sleep, type SendAttempt } from "./send-with-retry.js";

/** Tries to record a send the provider accepted, before leaving the row to the recovery sweep. */
const RECORD_TRIES = 3;

/** A send that did not go through, as the row keeps it and as the log says it: one shape for every outcome. */
async function recordUnsent(
  deps: Pick<SmsGatewayDeps, "store" | "logger">,
  message: StoredMessage,
  conversation: Conversation,
  failure: SmsSendError,
  outcome: { status: "sending" | "retrying" | "failed"; log: string; fields?: Record<string, unknown> },
): Promise<void> {
  await deps.store.updateDelivery(message.id, {
    status: outcome.status,
    errorCode: failure.providerCode,
    errorMessage: failure.message,
  });
  deps.logger.warn(
    { conversationId: conversation.id, reason: failure.reason, code: failure.providerCode, ...outcome.fields },
    outcome.log,
  );
}

/** Records what an attempt came to, and what happens next: done, asked about later, tried later, or told to people. */
export async function settleAttempt(
  deps: SmsGatewayDeps,
  message: StoredMessage,
  conversation: Conversation,
  attempt: SendAttempt,
  retry: number,
  purpose?: SendPurpose | ScheduledPurpose,
): Promise<"sent" | "unknown" | "retrying" | "failed" | "gave_up"> {
  const { logger, clock } = deps;
  if (attempt.kind === "sent") {
    await recordSent(deps, message, conversation, attempt);
    if (retry === 0)
      logger.info({ conversationId: conversation.id, to: maskPhone(conversation.customer.phone), purpose }, "sms sent");
    return "sent";
  }
  const failure = attempt.failure;
  if (attempt.kind === "unknown") {
    // It may have gone out: the recovery sweep asks the provider again before anything is re-sent.
    await recordUnsent(deps, message, conversation, failure, {
      status: "sending",
      log: "sms may have been sent; the provider will be asked again",
    });
    return "unknown";
  }
  // Scheduled texts (nudges, reminders) come back through their own job; replies are tried again here.
  const retryAt =
    !failure.permanent && deps.jobs && isReply(purpose ?? message)
      ? nextRetryAt(retry + 1, message.createdAt, clock.now(), deps.random)
      : undefined;
  if (retryAt) {
    await deps.jobs!.schedule({
      type: "resend",
      dealershipId: conversation.dealershipId,
      conversationId: conversation.id,
      dueAt: retryAt,
      payload: { messageId: message.id, retry: retry + 1, askFirst: failure.uncertain },
      dedupeKey: `resend:${message.id}:${retry + 1}`,
    });
    await recordUnsent(deps, message, conversation, failure, {
      status: "retrying",
      log: "sms provider failing; trying again later",
      fields: { retry: retry + 1, at: retryAt },
    });
    return "retrying";
  }
  await recordFailure(deps, message, conversation, failure, retry > 0);
  return retry > 0 && !failure.permanent ? "gave_up" : "failed";
}

/**
 * The provider took it. A database that fails to record that must not make a delivered text
 * look failed: the row stays "sending" and the recovery sweep finds it at the provider.
 */
export async function recordSent(
  deps: Pick<SmsGatewayDeps, "store" | "logger">,
  message: StoredMessage,
  conversation: Conversation,
  attempt: Extract<SendAttempt, { kind: "sent" }>,
): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      await deps.store.updateDelivery(message.id, {
        providerId: attempt.sent.providerId,
        status: attempt.sent.status,
      });
      return;
    } catch (error) {
      if (tries >= RECORD_TRIES) {
        deps.logger.error(
          { err: error, conversationId: conversation.id },
          "sms sent, but recording it failed; the recovery sweep will confirm it at the provider",
        );
        return;
      }
      await sleep(200 * tries);
    }
  }
}

async function recordFailure(
  deps: SmsGatewayDeps,
  message: StoredMessage,
  conversation: Conversation,
  failure: SmsSendError,
  late: boolean,
): Promise<void> {
  const { store, logger } = deps;
  await recordUnsent(deps, message, conversation, failure, { status: "failed", log: "sms send failed" });
  // The provider says the number unsubscribed: treated exactly like a STOP from the customer.
  if (failure.reason === "opted_out" && !conversation.customer.optedOut) {
    const at = deps.clock.now();
    await store.setOptOut(conversation.customer.id, true, at, deps.crmJobsForOptOut?.(conversation, at));
    await store.appendEvent({
      conversationId: conversation.id,
      type: "opted_out",
      actor: "provider",
      data: { reason: failure.reason, ...(failure.providerCode ? { code: failure.providerCode } : {}) },
      at,
    });
  }
  if (!conversation.thread) return;
  // Delivery failure is shown where people look, never silent.
  const gaveUp = failure.permanent
    ? ""
    : late
      ? " Baton kept trying for several minutes and gave up; text or call the customer yourself."
      : " Baton retried and gave up; try again later.";
  await deps.staffChat
    .postInThread(conversation.thread, {
      kind: "warning",
      text: `SMS to the customer was not sent${failure.providerCode ? ` (error ${failure.providerCode})` : ""}: ${explainSendFailure(failure.reason, failure.message)}.${gaveUp}\n> ${message.body}`,
    })
    .catch((e: unknown) => logger.error({ err: e }, "could not post delivery failure in thread"));
}

/** Answers to the customer and a person's own words: tried again for minutes. Scheduled texts have their own jobs. */
function isReply(what: SendPurpose | ScheduledPurpose | StoredMessage): boolean {
  if (typeof what !== "string") return what.author === "ai" || what.author === "rep";
  return what === "ai_reply" || what === "rep_reply" || what === "claim_notice";
}
