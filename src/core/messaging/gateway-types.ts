import type { Conversation, MessageAuthor, StoredMessage } from "../conversation/conversation.js";
import type { Clock } from "../ports/clock.js";
import type { JobStore, NewJob } from "../ports/jobs.js";
import type { Logger } from "../ports/logger.js";
import type { SendFailureReason, SmsSender } from "../ports/sms.js";
import type { StaffChat } from "../ports/staff-chat.js";
import type { ConversationStore, ConversationToSend } from "../ports/store.js";
import type { SendPacing } from "./send-pacing.js";
import type { RefusalReason, ScheduledPurpose, SendPurpose } from "./send-refusal.js";

/** What the SmsGateway is asked and answers; its ports. */
export interface SendRequest {
  conversationId: string;
  body: string;
  author: MessageAuthor;
  authorName?: string;
  purpose: SendPurpose;
  /** One send per key, whoever retries (webhook retries, double clicks, replicas). */
  idempotencyKey: string;
  /** Stored files sent with the words as one MMS (MediaStore.saveOutbound). */
  mediaIds?: string[];
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
  /**
   * The conversation as the job just read it with `SmsGateway.read` (moments before, in the same
   * run): the rules are checked on it rather than on a second read of the same rows.
   */
  current?: ConversationToSend;
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
  /** The CRM's outbox jobs for an opt-out the provider reports (see crmJobs); absent, none. */
  crmJobsForOptOut?(conversation: Conversation, at: Date): NewJob[];
  /** The signed links the provider fetches a text's files from; absent, texts carry words only. */
  mediaUrlsOf?(message: StoredMessage, mediaIds?: string[]): Promise<string[]>;
  /** For the jitter of later tries. @default Math.random */
  random?: () => number;
}
