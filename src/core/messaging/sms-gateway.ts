import { maskPhone } from "../compliance/mask-phone.js";
import type { Conversation, MessageAuthor, StoredMessage } from "../conversation/conversation.js";
import type { Clock } from "../ports/clock.js";
import type { JobStore } from "../ports/jobs.js";
import type { Logger } from "../ports/logger.js";
import type { OutboundSms, SendFailureReason, SmsSendError, SmsSender } from "../ports/sms.js";
import type { StaffChat } from "../ports/staff-chat.js";
import type { ConversationStore } from "../ports/store.js";
import type { SendPacing } from "./send-pacing.js";
import { explainSendFailure } from "./send-failure.js";
import { nextRetryAt } from "./retry-schedule.js";
import {
  ALLOWED_WHEN_OPTED_OUT,
  anyOptOut,
  refusalFor,
  type RefusalReason,
  type ScheduledPurpose,
  type SendPurpose,
} from "./send-refusal.js";
import { askProvider, sendWithRetry, sleep, type SendAttempt } from "./send-with-retry.js";

export type { RefusalReason, ScheduledPurpose, SendPurpose } from "./send-refusal.js";

/** How long an interrupted send is asked about again before people are told it is unknown. */
const GIVE_UP_ASKING_MS = 30 * 60_000;
/** A copy of a text could have reached the provider a little before its row's time (clock skew between replicas). */
const SKEW_MS = 5 * 60_000;
/** Tries to record a send the provider accepted, before leaving the row to the recovery sweep. */
const RECORD_TRIES = 3;

export interface SendRequest {
  conversationId: string;
  body: string;
  author: MessageAuthor;
  authorName?: string;
  purpose: SendPurpose;
  /** One send per key, whoever retries (webhook retries, double clicks, replicas). */
  idempotencyKey: string;
}

export type SendResult =
  | { outcome: "sent"; message: StoredMessage; providerId: string }
  | { outcome: "duplicate"; message: StoredMessage }
  | { outcome: "refused"; reason: RefusalReason }
  | {
      outcome: "failed";
      message: StoredMessage;
      reason: SendFailureReason;
      /** The provider's own code, for logs. */
      providerCode?: string;
      permanent: boolean;
      error: string;
    }
  /** The provider is failing for now: Baton tries again (a `resend` job) and, if it never gets through, tells a person. */
  | { outcome: "retrying"; message: StoredMessage; until?: Date };

export interface ScheduledSendRequest extends Omit<SendRequest, "purpose"> {
  purpose: ScheduledPurpose;
  /** A sending slot this text already holds from an earlier deferral. */
  slotAt?: Date;
}

/** Deferred: not sent and not dropped; try again at `until` (with `slotAt: until`). */
export type ScheduledSendResult = SendResult | { outcome: "deferred"; until: Date; reason: "quiet_hours" | "pace" };

/** What a later try of a failed text did. */
export type RetryOutcome =
  | { kind: "skipped" }
  | {
      kind: "sent" | "confirmed" | "retrying" | "gave_up" | "failed" | "unknown";
      message: StoredMessage;
      conversation: Conversation;
    }
  /** Not sent after all: the rules say no now, or the conversation moved on without it. */
  | { kind: "refused" | "stale"; message: StoredMessage; conversation: Conversation; reason: string };

export interface SmsGatewayDeps {
  store: ConversationStore;
  sender: SmsSender;
  staffChat: StaffChat;
  clock: Clock;
  logger: Logger;
  /** The dealership number each rooftop sends from. */
  fromNumberFor(dealershipId: string): string | undefined;
  /** Waits between in-process attempts of a retryable failure. @default DEFAULT_RETRY_DELAYS_MS */
  retryDelaysMs?: number[];
  /** Quiet hours and pace for scheduled sends; without it they are not held (unit tests). */
  pacing?: SendPacing;
  /** Where later tries of a failing send are scheduled; without it a failure is final (unit tests). */
  jobs?: Pick<JobStore, "schedule">;
  /** For the jitter of later tries. @default Math.random */
  random?: () => number;
}

/** The one place every outbound SMS passes: opt-out, ownership and idempotency are enforced here. */
export class SmsGateway {
  constructor(private readonly deps: SmsGatewayDeps) {}

  async send(request: SendRequest): Promise<SendResult> {
    const conversation = await this.load(request.conversationId);
    const refusal = await this.refusal(request.purpose, conversation);
    return refusal ? this.refuse(request, refusal) : this.deliver(request, conversation);
  }

  /** An automated text that waits for the sending window and the dealership's pace. */
  async sendScheduled(request: ScheduledSendRequest): Promise<ScheduledSendResult> {
    const conversation = await this.load(request.conversationId);
    const refusal = await this.refusal(request.purpose, conversation);
    if (refusal) return this.refuse(request, refusal);
    const hold = await this.deps.pacing?.hold(conversation.dealershipId, request.slotAt);
    if (hold) {
      this.deps.logger.info(
        { conversationId: conversation.id, purpose: request.purpose, until: hold.until, reason: hold.reason },
        "sms deferred",
      );
      return { outcome: "deferred", until: hold.until, reason: hold.reason };
    }
    return this.deliver(request, conversation);
  }

  /**
   * A row left "sending" by a crash: ask the provider whether it went out before sending it
   * again, and re-check opt-out and ownership, which may have changed since. Returns what was done.
   */
  async reconcile(
    message: StoredMessage,
  ): Promise<"confirmed" | "resent" | "refused" | "unknown" | "skipped" | "retrying"> {
    const { store, sender, logger, clock } = this.deps;
    if (!(await store.takeUnsettledOutbound(message.id))) return "skipped";
    const conversation = await this.load(message.conversationId);
    const sms = this.smsFor(conversation, message.body);
    const since = new Date(message.createdAt.getTime() - SKEW_MS);
    const asked = await askProvider(sender, sms, since);
    if (asked?.kind === "sent") {
      await this.recordSent(message, conversation, asked);
      return "confirmed";
    }
    // Not knowing is not "not sent": ask again on the next sweep rather than risk a second text.
    const lookupFailed = asked?.kind === "unknown";
    if (lookupFailed)
      logger.warn(
        { err: asked.failure, conversationId: conversation.id },
        "could not ask the provider whether an interrupted text went out",
      );
    if (lookupFailed && clock.now().getTime() - message.createdAt.getTime() < GIVE_UP_ASKING_MS) {
      await store.updateDelivery(message.id, { status: "sending" });
      return "unknown";
    }
    if (!sender.findSent || lookupFailed) {
      await store.updateDelivery(message.id, {
        status: "unknown",
        errorMessage: "send result unknown after a restart; not re-sent",
      });
      if (conversation.thread) {
        await this.deps.staffChat.postInThread(conversation.thread, {
          kind: "warning",
          text: `Baton restarted while sending this text and cannot tell whether the customer got it:\n> ${message.body}`,
        });
      }
      return "unknown";
    }
    const stop = await this.stopBeforeLateSend(message, conversation);
    if (stop) return stop.kind === "stale" ? "refused" : stop.kind;
    const attempt = await sendWithRetry(sender, sms, { since, delaysMs: this.deps.retryDelaysMs });
    const settled = await this.settle(message, conversation, attempt, 0);
    if (settled === "sent")
      logger.info(
        { conversationId: conversation.id, at: clock.now() },
        "sms re-sent after the provider had no record of it",
      );
    return settled === "sent" ? "resent" : settled === "failed" || settled === "gave_up" ? "unknown" : settled;
  }

  /**
   * A later try of a text the provider refused for now (a `resend` job): the provider is asked
   * first when an earlier try may have gone out, the rules are checked again (an opt-out or a
   * claim in between), and an AI reply the conversation has moved past is not sent at all.
   */
  async retry(messageId: string, retry: number, askFirst: boolean): Promise<RetryOutcome> {
    const { store, sender } = this.deps;
    if (!(await store.takeUnsettledOutbound(messageId))) return { kind: "skipped" };
    const message = await store.getMessage(messageId);
    if (!message) return { kind: "skipped" };
    const conversation = await this.load(message.conversationId);
    const sms = this.smsFor(conversation, message.body);
    const since = new Date(message.createdAt.getTime() - SKEW_MS);
    // An earlier try may have gone out: that settles it before any rule about sending it now.
    const asked = askFirst ? await askProvider(sender, sms, since) : undefined;
    if (asked) {
      const kind = await this.settle(message, conversation, asked, retry);
      return { kind: kind === "sent" ? "confirmed" : kind, message, conversation };
    }
    const stop = await this.stopBeforeLateSend(message, conversation);
    if (stop) return { ...stop, message, conversation };
    const attempt = await sendWithRetry(sender, sms, { since, delaysMs: this.deps.retryDelaysMs });
    const kind = await this.settle(message, conversation, attempt, retry);
    return {
      kind: kind === "sent" && attempt.kind === "sent" && attempt.foundAtProvider ? "confirmed" : kind,
      message,
      conversation,
    };
  }

  private async load(conversationId: string): Promise<Conversation> {
    const conversation = await this.deps.store.getConversation(conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} not found`);
    return conversation;
  }

  private smsFor(conversation: Conversation, body: string): OutboundSms {
    return { from: this.deps.fromNumberFor(conversation.dealershipId) ?? "", to: conversation.customer.phone, body };
  }

  /** The rules, plus a STOP that is stored but still waiting behind the customer's earlier texts. */
  private async refusal(
    purpose: SendPurpose | ScheduledPurpose,
    conversation: Conversation,
  ): Promise<RefusalReason | undefined> {
    const refused = refusalFor(purpose, conversation, Boolean(this.deps.fromNumberFor(conversation.dealershipId)));
    if (refused || ALLOWED_WHEN_OPTED_OUT.has(purpose)) return refused;
    return anyOptOut(await this.deps.store.unansweredTextsOf(conversation.customer.id)) ? "opted_out" : undefined;
  }

  /** Before a text goes out late: still allowed, and still the right thing to say? */
  private async stopBeforeLateSend(
    message: StoredMessage,
    conversation: Conversation,
  ): Promise<{ kind: "refused" | "stale"; reason: string } | undefined> {
    const { store } = this.deps;
    const purpose: SendPurpose =
      message.author === "ai" ? "ai_reply" : message.author === "rep" ? "rep_reply" : "claim_notice";
    const refusal = await this.refusal(purpose, conversation);
    if (refusal) {
      await store.updateDelivery(message.id, { status: "refused", errorMessage: refusal });
      return { kind: "refused", reason: refusal };
    }
    // The AI's answer to a question the customer has since followed up on, or answered again: the
    // newer turn speaks for Baton now. A person's words are still theirs to send, late or not.
    if (message.author !== "ai") return undefined;
    const since = await store.listMessages(conversation.id, 5, { since: message.createdAt });
    if (
      !since.some(
        (m) => m.id !== message.id && m.direction !== "internal" && m.createdAt.getTime() > message.createdAt.getTime(),
      )
    )
      return undefined;
    await store.updateDelivery(message.id, {
      status: "refused",
      errorMessage: "stale: the conversation moved on before the provider took it",
    });
    return { kind: "stale", reason: "the conversation moved on" };
  }

  private async deliver(request: SendRequest | ScheduledSendRequest, conversation: Conversation): Promise<SendResult> {
    const { store, sender, logger } = this.deps;
    const { message, created } = await store.insertOutbound({
      conversationId: request.conversationId,
      body: request.body,
      author: request.author,
      authorName: request.authorName,
      idempotencyKey: request.idempotencyKey,
      at: this.deps.clock.now(),
    });
    if (!created) return { outcome: "duplicate", message };

    const attempt = await sendWithRetry(sender, this.smsFor(conversation, request.body), {
      since: new Date(message.createdAt.getTime() - SKEW_MS),
      delaysMs: this.deps.retryDelaysMs,
      onRetry: (n, e) =>
        logger.warn(
          { conversationId: conversation.id, reason: e.reason, code: e.providerCode, attempt: n },
          "sms send failed; retrying",
        ),
    });
    const settled = await this.settle(message, conversation, attempt, 0, request.purpose);
    if (attempt.kind === "sent") return { outcome: "sent", message, providerId: attempt.sent.providerId };
    if (settled === "retrying" || settled === "unknown") return { outcome: "retrying", message };
    const failure = attempt.failure;
    return {
      outcome: "failed",
      message,
      reason: failure.reason,
      providerCode: failure.providerCode,
      permanent: failure.permanent,
      error: failure.message,
    };
  }

  /** Records what an attempt came to, and what happens next: done, asked about later, tried later, or told to people. */
  private async settle(
    message: StoredMessage,
    conversation: Conversation,
    attempt: SendAttempt,
    retry: number,
    purpose?: SendPurpose | ScheduledPurpose,
  ): Promise<"sent" | "unknown" | "retrying" | "failed" | "gave_up"> {
    const { store, logger, clock } = this.deps;
    if (attempt.kind === "sent") {
      await this.recordSent(message, conversation, attempt);
      if (retry === 0)
        logger.info(
          { conversationId: conversation.id, to: maskPhone(conversation.customer.phone), purpose },
          "sms sent",
        );
      return "sent";
    }
    const failure = attempt.failure;
    if (attempt.kind === "unknown") {
      // It may have gone out: the recovery sweep asks the provider again before anything is re-sent.
      await store.updateDelivery(message.id, {
        status: "sending",
        errorCode: failure.providerCode,
        errorMessage: failure.message,
      });
      logger.warn(
        { conversationId: conversation.id, reason: failure.reason, code: failure.providerCode },
        "sms may have been sent; the provider will be asked again",
      );
      return "unknown";
    }
    // Scheduled texts (nudges, reminders) come back through their own job; replies are tried again here.
    const retryAt =
      !failure.permanent && this.deps.jobs && isReply(purpose ?? message)
        ? nextRetryAt(retry + 1, message.createdAt, clock.now(), this.deps.random)
        : undefined;
    if (retryAt) {
      await this.deps.jobs!.schedule({
        type: "resend",
        dealershipId: conversation.dealershipId,
        conversationId: conversation.id,
        dueAt: retryAt,
        payload: { messageId: message.id, retry: retry + 1, askFirst: failure.uncertain },
        dedupeKey: `resend:${message.id}:${retry + 1}`,
      });
      await store.updateDelivery(message.id, {
        status: "retrying",
        errorCode: failure.providerCode,
        errorMessage: failure.message,
      });
      logger.warn(
        {
          conversationId: conversation.id,
          reason: failure.reason,
          code: failure.providerCode,
          retry: retry + 1,
          at: retryAt,
        },
        "sms provider failing; trying again later",
      );
      return "retrying";
    }
    await this.recordFailure(message, conversation, failure, retry > 0);
    return retry > 0 && !failure.permanent ? "gave_up" : "failed";
  }

  /**
   * The provider took it. A database that fails to record that must not make a delivered text
   * look failed: the row stays "sending" and the recovery sweep finds it at the provider.
   */
  private async recordSent(
    message: StoredMessage,
    conversation: Conversation,
    attempt: Extract<SendAttempt, { kind: "sent" }>,
  ): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        await this.deps.store.updateDelivery(message.id, {
          providerId: attempt.sent.providerId,
          status: attempt.sent.status,
        });
        return;
      } catch (error) {
        if (tries >= RECORD_TRIES) {
          this.deps.logger.error(
            { err: error, conversationId: conversation.id },
            "sms sent, but recording it failed; the recovery sweep will confirm it at the provider",
          );
          return;
        }
        await sleep(200 * tries);
      }
    }
  }

  private async recordFailure(
    message: StoredMessage,
    conversation: Conversation,
    failure: SmsSendError,
    late: boolean,
  ): Promise<void> {
    const { store, logger } = this.deps;
    await store.updateDelivery(message.id, {
      status: "failed",
      errorCode: failure.providerCode,
      errorMessage: failure.message,
    });
    logger.warn(
      { conversationId: conversation.id, reason: failure.reason, code: failure.providerCode },
      "sms send failed",
    );
    // The provider says the number unsubscribed: treated exactly like a STOP from the customer.
    if (failure.reason === "opted_out" && !conversation.customer.optedOut) {
      const at = this.deps.clock.now();
      await store.setOptOut(conversation.customer.id, true, at);
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
    await this.deps.staffChat
      .postInThread(conversation.thread, {
        kind: "warning",
        text: `SMS to the customer was not sent${failure.providerCode ? ` (error ${failure.providerCode})` : ""}: ${explainSendFailure(failure.reason, failure.message)}.${gaveUp}\n> ${message.body}`,
      })
      .catch((e: unknown) => logger.error({ err: e }, "could not post delivery failure in thread"));
  }

  private refuse(request: SendRequest | ScheduledSendRequest, reason: RefusalReason): SendResult {
    this.deps.logger.info({ conversationId: request.conversationId, purpose: request.purpose, reason }, "sms refused");
    return { outcome: "refused", reason };
  }
}

/** Answers to the customer and a person's own words: tried again for minutes. Scheduled texts have their own jobs. */
function isReply(what: SendPurpose | ScheduledPurpose | StoredMessage): boolean {
  if (typeof what !== "string") return what.author === "ai" || what.author === "rep";
  return what === "ai_reply" || what === "rep_reply" || what === "claim_notice";
}
