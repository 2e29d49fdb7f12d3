import { maskPhone } from "../compliance/mask-phone.js";
import type { MessageAuthor, StoredMessage } from "../conversation/conversation.js";
import { aiMaySpeak } from "../conversation/state-machine.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import { SmsSendError, type SmsSender } from "../ports/sms.js";
import type { StaffChat } from "../ports/staff-chat.js";
import type { ConversationStore } from "../ports/store.js";

/**
 * Why a message is sent. Automated purposes are re-checked against ownership at the moment
 * of sending, not when they were planned; a person's own reply is not automated.
 */
export type SendPurpose = "ai_reply" | "claim_notice" | "rep_reply" | "optout_confirmation";

const AUTOMATED: ReadonlySet<SendPurpose> = new Set(["ai_reply"]);

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
  | { outcome: "refused"; reason: "opted_out" | "person_owns_thread" | "resolved" | "no_sms_number" }
  | { outcome: "failed"; message: StoredMessage; code?: string; permanent: boolean; error: string };

export interface SmsGatewayDeps {
  store: ConversationStore;
  sender: SmsSender;
  staffChat: StaffChat;
  clock: Clock;
  logger: Logger;
  /** The dealership number each rooftop sends from. */
  fromNumberFor(dealershipId: string): string | undefined;
}

/** The one place every outbound SMS passes: opt-out, ownership and idempotency are enforced here. */
export class SmsGateway {
  constructor(private readonly deps: SmsGatewayDeps) {}

  async send(request: SendRequest): Promise<SendResult> {
    const { store, sender, logger } = this.deps;
    const conversation = await store.getConversation(request.conversationId);
    if (!conversation) throw new Error(`conversation ${request.conversationId} not found`);

    // TCPA / CTIA: nothing reaches a number that opted out, whoever asks. The only
    // exception is the single confirmation of that opt-out.
    if (conversation.customer.optedOut && request.purpose !== "optout_confirmation") {
      return this.refuse(request, "opted_out");
    }
    if (AUTOMATED.has(request.purpose) && !aiMaySpeak(conversation.status)) {
      return this.refuse(request, conversation.status === "resolved" ? "resolved" : "person_owns_thread");
    }
    const from = this.deps.fromNumberFor(conversation.dealershipId);
    if (!from) return this.refuse(request, "no_sms_number");

    const { message, created } = await store.insertOutbound({
      conversationId: request.conversationId,
      body: request.body,
      author: request.author,
      authorName: request.authorName,
      idempotencyKey: request.idempotencyKey,
    });
    if (!created) return { outcome: "duplicate", message };

    try {
      const sent = await sender.send({ from, to: conversation.customer.phone, body: request.body });
      await store.updateDelivery(message.id, { providerId: sent.providerId, status: sent.status });
      logger.info({ conversationId: conversation.id, to: maskPhone(conversation.customer.phone), purpose: request.purpose }, "sms sent");
      return { outcome: "sent", message, providerId: sent.providerId };
    } catch (error) {
      const failure = error instanceof SmsSendError ? error : new SmsSendError(String((error as Error)?.message ?? error), undefined, false);
      await store.updateDelivery(message.id, { status: "failed", errorCode: failure.code, errorMessage: failure.message });
      logger.warn({ conversationId: conversation.id, code: failure.code, purpose: request.purpose }, "sms send failed");
      if (conversation.thread) {
        // Delivery failure is shown where people look, never silent.
        await this.deps.staffChat
          .postInThread(conversation.thread, {
            kind: "warning",
            text: `SMS to the customer was not sent${failure.code ? ` (error ${failure.code})` : ""}: ${failure.message}\n> ${request.body}`,
          })
          .catch((e: unknown) => logger.error({ err: e }, "could not post delivery failure in thread"));
      }
      return { outcome: "failed", message, code: failure.code, permanent: failure.permanent, error: failure.message };
    }
  }

  private refuse(request: SendRequest, reason: "opted_out" | "person_owns_thread" | "resolved" | "no_sms_number"): SendResult {
    this.deps.logger.info({ conversationId: request.conversationId, purpose: request.purpose, reason }, "sms refused");
    return { outcome: "refused", reason };
  }
}
