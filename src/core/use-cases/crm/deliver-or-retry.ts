import { maskPhone } from "../../compliance/mask-phone.js";
import type { Conversation } from "../../conversation/conversation.js";
import { nextCrmTry } from "../../crm/crm-retry.js";
import { CrmDeliveryError } from "../../ports/crm.js";
import type { JobOutcome } from "../../scheduling/job-runner.js";
import type { CoreDeps } from "../core-deps.js";

/** The job being delivered, as far as its retry needs it. */
interface Delivery {
  dealershipId: string;
  occurredAt: string;
  tries: number;
}

/**
 * A failed CRM delivery: tried again with backoff for 24 hours while the CRM may come back; given
 * up on at once when it refused for good. Given up, the managers are told once (this job ends
 * failed, so it never comes back to tell them again, even when the post itself fails: then the
 * log, the digest and /healthz are where it shows), and the daily digest and /healthz count it.
 * An error that is not the CRM's (a bug, the database) is thrown for the runner's own retries.
 */
export async function retryOrGiveUp<T extends "crm_webhook" | "crm_lead">(
  deps: Pick<CoreDeps, "clock" | "staffChat" | "logger">,
  job: Delivery,
  payload: Record<string, unknown>,
  error: unknown,
  what: { door: string; about: Conversation; givingUp?: () => Promise<void> },
): Promise<JobOutcome<T>> {
  if (!(error instanceof CrmDeliveryError)) throw error;
  const now = deps.clock.now();
  const next = error.permanent ? undefined : nextCrmTry(new Date(job.occurredAt), job.tries, now);
  if (next) return { kind: "defer", until: next, payload: { ...payload, tries: job.tries + 1 } as never };
  const customer =
    what.about.lead.name ?? what.about.customer.name ?? `the customer at ${maskPhone(what.about.customer.phone)}`;
  const why = error.permanent ? "it was refused" : `it kept failing for 24 hours (${job.tries} tries)`;
  deps.logger.error(
    { dealershipId: job.dealershipId, conversationId: what.about.id, err: error },
    `CRM ${what.door} given up`,
  );
  await what.givingUp?.();
  try {
    await deps.staffChat.postToManagers(job.dealershipId, {
      kind: "alert",
      // Leads lost silently are what a CRM integration must never do: someone is told, somewhere.
      orHandoffChannel: true,
      text: `The CRM did not get ${what.door} for ${customer}: ${why}. ${error.message}. Baton will not try it again; the conversation itself is unaffected.`,
      ...(what.about.thread ? { thread: what.about.thread } : {}),
    });
  } catch (postError) {
    deps.logger.error(
      { dealershipId: job.dealershipId, conversationId: what.about.id, err: postError },
      `the managers could not be told that CRM ${what.door} was given up`,
    );
  }
  return { kind: "failed", error: error.message };
}
