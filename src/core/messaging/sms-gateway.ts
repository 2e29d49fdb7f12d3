import { maskPhone } from "../compliance/mask-phone.js";
import type { MessageAuthor, StoredMessage } from "../conversation/conversation.js";
import { aiMaySpeak } from "../conversation/state-machine.js";
import type { Conversation } from "../conversation/conversation.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import { SmsSendError, type SentSms, type SmsSender } from "../ports/sms.js";
import type { StaffChat } from "../ports/staff-chat.js";
import type { ConversationStore } from "../ports/store.js";
import type { SendPacing } from "./send-pacing.js";
import { explainSendFailure, UNSUBSCRIBED_CODE } from "./explain-send-failure.js";
import { asSmsSendError, sendWithRetry } from "./send-with-retry.js";


/** How long an interrupted send is asked about again before people are told it is unknown. */
const GIVE_UP_ASKING_MS = 30 * 60_000;
/**
 * Why a message is sent. Automated purposes are re-checked against ownership at the moment
 * of sending, not when they were planned; a person's own reply is not automated.
 */
export type SendPurpose = "ai_reply" | "claim_notice" | "rep_reply" | "optout_confirmation" | "optin_confirmation" | "help_reply";

/**
 * Texts the customer did not just ask for (nudges, reminders, a rep's scheduled follow-up, a first
 * touch to a lead that did not text first): held to the sending window and the dealership's pace.
 * A direct reply to a customer who just texted is a SendPurpose and is never held back.
 */
export type ScheduledPurpose = "nudge" | "appointment_reminder" | "rep_followup" | "first_touch";

/** Sent by Baton on its own: only while no person owns the thread. */
const AUTOMATED: ReadonlySet<SendPurpose | ScheduledPurpose> = new Set(["ai_reply", "nudge", "first_touch"]);
/** Answers carriers require, which still reach a number that opted out (CTIA: STOP confirmation, HELP). */
const ALLOWED_WHEN_OPTED_OUT: ReadonlySet<SendPurpose | ScheduledPurpose> = new Set(["optout_confirmation", "help_reply"]);

/** Texts Baton starts on its own, which need the customer's consent when they never texted us (a lead without it). */
const NEEDS_CONSENT: ReadonlySet<SendPurpose | ScheduledPurpose> = new Set(["first_touch", "nudge", "appointment_reminder", "rep_followup", "claim_notice"]);

type RefusalReason = "opted_out" | "person_owns_thread" | "resolved" | "no_sms_number" | "no_consent" | "consent_in_doubt";

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
  | { outcome: "failed"; message: StoredMessage; code?: string; permanent: boolean; error: string };

export interface ScheduledSendRequest extends Omit<SendRequest, "purpose"> {
  purpose: ScheduledPurpose;
  /** A sending slot this text already holds from an earlier deferral. */
  slotAt?: Date;
}

/** Deferred: not sent and not dropped; try again at `until` (with `slotAt: until`). */
export type ScheduledSendResult = SendResult | { outcome: "deferred"; until: Date; reason: "quiet_hours" | "pace" };

export interface SmsGatewayDeps {
  store: ConversationStore;
  sender: SmsSender;
  staffChat: StaffChat;
  clock: Clock;
  logger: Logger;
  /** The dealership number each rooftop sends from. */
  fromNumberFor(dealershipId: string): string | undefined;
  /** Waits between attempts of a retryable failure. @default DEFAULT_RETRY_DELAYS_MS */
  retryDelaysMs?: number[];
  /** Quiet hours and pace for scheduled sends; without it they are not held (unit tests). */
  pacing?: SendPacing;
}

/** The one place every outbound SMS passes: opt-out, ownership and idempotency are enforced here. */
export class SmsGateway {
  constructor(private readonly deps: SmsGatewayDeps) {}

  async send(request: SendRequest): Promise<SendResult> {
    const conversation = await this.load(request.conversationId);
    const refusal = this.refusalFor(request.purpose, conversation);
    return refusal ? this.refuse(request, refusal) : this.deliver(request, conversation);
  }

  /** An automated text that waits for the sending window and the dealership's pace. */
  async sendScheduled(request: ScheduledSendRequest): Promise<ScheduledSendResult> {
    const conversation = await this.load(request.conversationId);
    const refusal = this.refusalFor(request.purpose, conversation);
    if (refusal) return this.refuse(request, refusal);
    const hold = await this.deps.pacing?.hold(conversation.dealershipId, request.slotAt);
    if (hold) {
      this.deps.logger.info({ conversationId: conversation.id, purpose: request.purpose, until: hold.until, reason: hold.reason }, "sms deferred");
      return { outcome: "deferred", until: hold.until, reason: hold.reason };
    }
    return this.deliver(request, conversation);
  }

  /**
   * A row left "sending" by a crash: ask the provider whether it went out before sending it
   * again, and re-check opt-out and ownership, which may have changed since. Returns what was done.
   */
  async reconcile(message: StoredMessage): Promise<"confirmed" | "resent" | "refused" | "unknown" | "skipped"> {
    const { store, sender, logger, clock } = this.deps;
    if (!(await store.takeUnsettledOutbound(message.id))) return "skipped";
    const conversation = await this.load(message.conversationId);
    const from = this.deps.fromNumberFor(conversation.dealershipId);
    const sms = { from: from ?? "", to: conversation.customer.phone, body: message.body };
    let found: SentSms | undefined;
    let lookupFailed = false;
    if (sender.findSent) {
      try {
        found = await sender.findSent(sms, new Date(message.createdAt.getTime() - 5 * 60_000));
      } catch (error) {
        // Not knowing is not "not sent": ask again on the next sweep rather than risk a second text.
        logger.warn({ err: error, conversationId: conversation.id }, "could not ask the provider whether an interrupted text went out");
        lookupFailed = true;
      }
    }
    if (found) {
      await store.updateDelivery(message.id, { providerId: found.providerId, status: found.status });
      return "confirmed";
    }
    if (lookupFailed && clock.now().getTime() - message.createdAt.getTime() < GIVE_UP_ASKING_MS) {
      await store.updateDelivery(message.id, { status: "sending" });
      return "unknown";
    }
    if (!sender.findSent || lookupFailed) {
      await store.updateDelivery(message.id, { status: "unknown", errorMessage: "send result unknown after a restart; not re-sent" });
      if (conversation.thread) {
        await this.deps.staffChat.postInThread(conversation.thread, { kind: "warning", text: `Baton restarted while sending this text and cannot tell whether the customer got it:\n> ${message.body}` });
      }
      return "unknown";
    }
    const purpose = message.author === "ai" ? "ai_reply" : message.author === "rep" ? "rep_reply" : "claim_notice";
    const refusal = this.refusalFor(purpose, conversation);
    if (refusal) {
      await store.updateDelivery(message.id, { status: "refused", errorMessage: refusal });
      return "refused";
    }
    try {
      const sent = await sendWithRetry(() => sender.send(sms), { delaysMs: this.deps.retryDelaysMs });
      await store.updateDelivery(message.id, { providerId: sent.providerId, status: sent.status });
      logger.info({ conversationId: conversation.id, at: clock.now() }, "sms re-sent after the provider had no record of it");
      return "resent";
    } catch (error) {
      const failure = asSmsSendError(error);
      await store.updateDelivery(message.id, { status: "failed", errorCode: failure.code, errorMessage: failure.message });
      return "unknown";
    }
  }

  private async load(conversationId: string): Promise<Conversation> {
    const conversation = await this.deps.store.getConversation(conversationId);
    if (!conversation) throw new Error(`conversation ${conversationId} not found`);
    return conversation;
  }

  private refusalFor(purpose: SendPurpose | ScheduledPurpose, conversation: Conversation): RefusalReason | undefined {
    // TCPA / CTIA: nothing reaches a number that opted out, whoever asks, except the single
    // confirmation of that opt-out and the HELP answer carriers require.
    if (conversation.customer.optedOut && !ALLOWED_WHEN_OPTED_OUT.has(purpose)) return "opted_out";
    // TCPA: a lead that did not agree to texts gets none that Baton starts, until the customer texts us.
    if (NEEDS_CONSENT.has(purpose) && conversation.leadSource && !conversation.leadSource.smsConsent && !conversation.lastCustomerAt) return "no_consent";
    // The customer may have revoked consent in their own words: nothing automated or Baton-initiated
    // goes out until a person decides (a rep's own reply still does: that person is deciding).
    if ((AUTOMATED.has(purpose) || NEEDS_CONSENT.has(purpose)) && conversation.handoffReason === "may_opt_out" && conversation.status !== "resolved") {
      return "consent_in_doubt";
    }
    if (AUTOMATED.has(purpose) && !aiMaySpeak(conversation.status)) {
      return conversation.status === "resolved" ? "resolved" : "person_owns_thread";
    }
    if (!this.deps.fromNumberFor(conversation.dealershipId)) return "no_sms_number";
    return undefined;
  }

  private async deliver(request: SendRequest | ScheduledSendRequest, conversation: Conversation): Promise<SendResult> {
    const { store, sender, logger } = this.deps;
    const from = this.deps.fromNumberFor(conversation.dealershipId)!;

    const { message, created } = await store.insertOutbound({
      conversationId: request.conversationId,
      body: request.body,
      author: request.author,
      authorName: request.authorName,
      idempotencyKey: request.idempotencyKey,
      at: this.deps.clock.now(),
    });
    if (!created) return { outcome: "duplicate", message };

    try {
      const sent = await sendWithRetry(() => sender.send({ from, to: conversation.customer.phone, body: request.body }), {
        delaysMs: this.deps.retryDelaysMs,
        onRetry: (attempt, e) => logger.warn({ conversationId: conversation.id, code: e.code, attempt }, "sms send failed; retrying"),
      });
      await store.updateDelivery(message.id, { providerId: sent.providerId, status: sent.status });
      logger.info({ conversationId: conversation.id, to: maskPhone(conversation.customer.phone), purpose: request.purpose }, "sms sent");
      return { outcome: "sent", message, providerId: sent.providerId };
    } catch (error) {
      const failure = asSmsSendError(error);
      await store.updateDelivery(message.id, { status: "failed", errorCode: failure.code, errorMessage: failure.message });
      logger.warn({ conversationId: conversation.id, code: failure.code, purpose: request.purpose }, "sms send failed");
      if (failure.code === UNSUBSCRIBED_CODE && !conversation.customer.optedOut) {
        const at = this.deps.clock.now();
        await store.setOptOut(conversation.customer.id, true, at);
        await store.appendEvent({ conversationId: conversation.id, type: "opted_out", actor: "provider", data: { code: failure.code }, at });
      }
      if (conversation.thread) {
        // Delivery failure is shown where people look, never silent.
        await this.deps.staffChat
          .postInThread(conversation.thread, {
            kind: "warning",
            text: `SMS to the customer was not sent${failure.code ? ` (error ${failure.code})` : ""}: ${explainSendFailure(failure.code, failure.message)}.${failure.permanent ? "" : " Baton retried and gave up; try again later."}\n> ${request.body}`,
          })
          .catch((e: unknown) => logger.error({ err: e }, "could not post delivery failure in thread"));
      }
      return { outcome: "failed", message, code: failure.code, permanent: failure.permanent, error: failure.message };
    }
  }

  private refuse(request: SendRequest | ScheduledSendRequest, reason: RefusalReason): SendResult {
    this.deps.logger.info({ conversationId: request.conversationId, purpose: request.purpose, reason }, "sms refused");
    return { outcome: "refused", reason };
  }
}
