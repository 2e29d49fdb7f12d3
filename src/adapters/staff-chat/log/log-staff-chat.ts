import { maskPhonesIn } from "../../../core/compliance/mask-phone.js";
import type { Logger } from "../../../core/ports/logger.js";
import type { HandoffCard, ManagerPost, StaffChat, ThreadPost, ThreadRef } from "../../../core/ports/staff-chat.js";

/**
 * Staff chat when none is connected: handoffs are written to the log so they are not lost
 * from sight, and the operator is reminded how to connect Slack.
 */
export class LogStaffChat implements StaffChat {
  readonly name = "log";

  constructor(private readonly logger: Logger) {}

  async postCard(card: HandoffCard): Promise<ThreadRef> {
    this.logger.warn(
      { conversationId: card.conversationId, department: card.department, reason: card.reason },
      "a customer needs a person, but no staff chat is connected (set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_HANDOFF_CHANNEL)",
    );
    return { chat: this.name, channel: card.dealershipId, ts: card.conversationId };
  }

  async updateCard(thread: ThreadRef, card: HandoffCard): Promise<void> {
    this.logger.info({ conversationId: card.conversationId, status: card.status }, "handoff card updated");
  }

  async postInThread(thread: ThreadRef, post: ThreadPost): Promise<void> {
    this.logger.info({ conversationId: thread.ts, kind: post.kind }, "thread update");
  }

  async tellUser(): Promise<void> {}

  /**
   * Escalations and digests go to the log at warn level, so they are never silent. A summary may
   * quote the customer, so anything that looks like a phone number is blanked first.
   */
  async postToManagers(dealershipId: string, post: ManagerPost): Promise<boolean> {
    const text = maskPhonesIn(post.text);
    this.logger.warn({ dealershipId, kind: post.kind ?? "alert", conversationId: post.thread?.ts }, text);
    return true;
  }
}
