import { SmsSendError, type OutboundSms, type SentSms, type SmsSender } from "../../src/core/ports/sms.js";
import type { HandoffCard, ManagerPost, StaffChat, ThreadPost, ThreadRef } from "../../src/core/ports/staff-chat.js";

/** An SMS provider that keeps what it was asked to send; can be told to fail. */
export class RecordingSmsSender implements SmsSender {
  readonly name = "recording";
  readonly sent: OutboundSms[] = [];
  private failures: SmsSendError[] = [];

  private acceptedThenFailed: SmsSendError[] = [];
  /** Lookups (findSent) so far: a send after a doubtful failure must ask first. */
  lookups = 0;

  failNext(error: SmsSendError): void {
    this.failures.push(error);
  }

  /** The next send reaches the customer, but the answer is lost (a dropped connection): `error` is thrown. */
  acceptButFailNext(error: SmsSendError): void {
    this.acceptedThenFailed.push(error);
  }

  async send(message: OutboundSms): Promise<SentSms> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
    const lostAnswer = this.acceptedThenFailed.shift();
    if (lostAnswer) throw lostAnswer;
    return { providerId: `SM${String(this.sent.length).padStart(32, "0")}`, status: "queued" };
  }

  async findSent(message: OutboundSms): Promise<SentSms | undefined> {
    this.lookups += 1;
    const index = this.sent.findIndex((m) => m.to === message.to && m.from === message.from && m.body === message.body);
    return index < 0 ? undefined : { providerId: `SM${String(index + 1).padStart(32, "0")}`, status: "queued" };
  }
}

/** A staff chat that keeps cards, thread posts and private notes in memory. */
export class RecordingStaffChat implements StaffChat {
  readonly name = "recording";
  readonly cards: HandoffCard[] = [];
  readonly posts: { thread: ThreadRef; post: ThreadPost }[] = [];
  readonly told: { userId: string; text: string }[] = [];
  readonly managerPosts: { dealershipId: string; post: ManagerPost }[] = [];
  /** Set false to act as a dealership without a manager channel. */
  hasManagerChannel = true;

  async postCard(card: HandoffCard): Promise<ThreadRef> {
    this.cards.push(card);
    return { chat: this.name, channel: "C0TEST", ts: `${this.cards.length}.0001` };
  }
  async updateCard(_thread: ThreadRef, card: HandoffCard): Promise<void> {
    this.cards.push(card);
  }
  async postInThread(thread: ThreadRef, post: ThreadPost): Promise<void> {
    this.posts.push({ thread, post });
  }
  async tellUser(_thread: ThreadRef, userId: string, text: string): Promise<void> {
    this.told.push({ userId, text });
  }
  async postToManagers(dealershipId: string, post: ManagerPost): Promise<boolean> {
    if (!this.hasManagerChannel) return false;
    this.managerPosts.push({ dealershipId, post });
    return true;
  }
}
