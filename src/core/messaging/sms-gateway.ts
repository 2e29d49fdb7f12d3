import type { Conversation, StoredMessage } from "../conversation/conversation.js";
import type { OutboundSms } from "../ports/sms.js";
import type { ConversationToSend } from "../ports/store.js";
import type {
  RetryOutcome,
  ScheduledSendRequest,
  ScheduledSendResult,
  SendRequest,
  SendResult,
  SmsGatewayDeps,
} from "./gateway-types.js";
import { recordSent, settleAttempt } from "./settle-attempt.js";
import {
  ALLOWED_WHEN_OPTED_OUT,
  anyOptOut,
  refusalFor,
  type RefusalReason,
  type ScheduledPurpose,
  type SendPurpose,
} from "./send-refusal.js";
import { askProvider, sendWithRetry } from "./send-with-retry.js";

export type { RefusalReason, ScheduledPurpose, SendPurpose } from "./send-refusal.js";

/** How long an interrupted send is asked about again before people are told it is unknown. */
const GIVE_UP_ASKING_MS = 30 * 60_000;
/** A copy of a text could have reached the provider a little before its row's time (clock skew between replicas). */
const SKEW_MS = 5 * 60_000;

export type {
  ScheduledSendRequest,
  ScheduledSendResult,
  RetryOutcome,
  SendRequest,
  SendResult,
  SmsGatewayDeps,
} from "./gateway-types.js";

/** The one place every outbound SMS passes: opt-out, ownership and idempotency are enforced here. */
export class SmsGateway {
  constructor(private readonly deps: SmsGatewayDeps) {}

  async send(request: SendRequest): Promise<SendResult> {
    const { conversation, unansweredTexts } = await this.load(request.conversationId);
    const refusal = this.refusal(request.purpose, conversation, unansweredTexts);
    return refusal ? this.refuse(request, refusal) : this.deliver(request, conversation);
  }

  /** An automated text that waits for the sending window and the dealership's pace. */
  async sendScheduled(request: ScheduledSendRequest): Promise<ScheduledSendResult> {
    const { conversation, unansweredTexts } = request.current ?? (await this.load(request.conversationId));
    const refusal = this.refusal(request.purpose, conversation, unansweredTexts);
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
    const { conversation } = await this.load(message.conversationId);
    const sms = await this.smsFor(conversation, message);
    const since = new Date(message.createdAt.getTime() - SKEW_MS);
    const asked = await askProvider(sender, sms, since);
    if (asked?.kind === "sent") {
      await recordSent(this.deps, message, conversation, asked);
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
    const settled = await settleAttempt(this.deps, message, conversation, attempt, 0);
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
    const { conversation } = await this.load(message.conversationId);
    const sms = await this.smsFor(conversation, message);
    const since = new Date(message.createdAt.getTime() - SKEW_MS);
    // An earlier try may have gone out: that settles it before any rule about sending it now.
    const asked = askFirst ? await askProvider(sender, sms, since) : undefined;
    if (asked) {
      const kind = await settleAttempt(this.deps, message, conversation, asked, retry);
      return { kind: kind === "sent" ? "confirmed" : kind, message, conversation };
    }
    const stop = await this.stopBeforeLateSend(message, conversation);
    if (stop) return { ...stop, message, conversation };
    const attempt = await sendWithRetry(sender, sms, { since, delaysMs: this.deps.retryDelaysMs });
    const kind = await settleAttempt(this.deps, message, conversation, attempt, retry);
    return {
      kind: kind === "sent" && attempt.kind === "sent" && attempt.foundAtProvider ? "confirmed" : kind,
      message,
      conversation,
    };
  }

  /** The conversation as a send would check it now; undefined when there is none. */
  read(conversationId: string): Promise<ConversationToSend | undefined> {
    return this.deps.store.getConversationToSend(conversationId);
  }

  /** The conversation as it is now (an opt-out or a claim may have come since the text was decided), with its customer's unanswered texts. */
  private async load(conversationId: string): Promise<ConversationToSend> {
    const loaded = await this.read(conversationId);
    if (!loaded) throw new Error(`conversation ${conversationId} not found`);
    return loaded;
  }

  /** The SMS as the provider gets it; a text with files carries fresh links to them (each try signs anew). */
  private async smsFor(conversation: Conversation, message: StoredMessage, mediaIds?: string[]): Promise<OutboundSms> {
    const mediaUrls =
      message.numMedia > 0 && this.deps.mediaUrlsOf ? await this.deps.mediaUrlsOf(message, mediaIds) : undefined;
    return {
      from: this.deps.fromNumberFor(conversation.dealershipId) ?? "",
      to: conversation.customer.phone,
      body: message.body,
      ...(mediaUrls?.length ? { mediaUrls } : {}),
    };
  }

  /** The rules, plus a STOP that is stored but still waiting behind the customer's earlier texts. */
  private refusal(
    purpose: SendPurpose | ScheduledPurpose,
    conversation: Conversation,
    unansweredTexts: string[],
  ): RefusalReason | undefined {
    const refused = refusalFor(purpose, conversation, Boolean(this.deps.fromNumberFor(conversation.dealershipId)));
    if (refused || ALLOWED_WHEN_OPTED_OUT.has(purpose)) return refused;
    return anyOptOut(unansweredTexts) ? "opted_out" : undefined;
  }

  /** Before a text goes out late: still allowed, and still the right thing to say? */
  private async stopBeforeLateSend(
    message: StoredMessage,
    conversation: Conversation,
  ): Promise<{ kind: "refused" | "stale"; reason: string } | undefined> {
    const { store } = this.deps;
    const purpose: SendPurpose =
      message.author === "ai" ? "ai_reply" : message.author === "rep" ? "rep_reply" : "claim_notice";
    // What the customer texted is read now, after the provider was asked: a STOP may have come meanwhile.
    const { unansweredTexts } = await this.load(conversation.id);
    const refusal = this.refusal(purpose, conversation, unansweredTexts);
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
      mediaIds: request.mediaIds,
    });
    if (!created) return { outcome: "duplicate", message };

    const attempt = await sendWithRetry(sender, await this.smsFor(conversation, message, request.mediaIds), {
      since: new Date(message.createdAt.getTime() - SKEW_MS),
      delaysMs: this.deps.retryDelaysMs,
      onRetry: (n, e) =>
        logger.warn(
          { conversationId: conversation.id, reason: e.reason, code: e.providerCode, attempt: n },
          "sms send failed; retrying",
        ),
    });
    const settled = await settleAttempt(this.deps, message, conversation, attempt, 0, request.purpose);
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

  private refuse(request: SendRequest | ScheduledSendRequest, reason: RefusalReason): SendResult {
    this.deps.logger.info({ conversationId: request.conversationId, purpose: request.purpose, reason }, "sms refused");
    return { outcome: "refused", reason };
  }
}
