import type { KeywordReplies } from "../compliance/keyword-replies.js";
import type { PhoneNumbers } from "../ports/phone-numbers.js";
import type { SmsGateway } from "../messaging/sms-gateway.js";
import type { Brain } from "../ports/brain.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { RooftopDirectory } from "../ports/rooftops.js";
import type { StaffChat } from "../ports/staff-chat.js";
import type { TextJudge } from "../ports/text-judge.js";
import type { ConversationStore } from "../ports/store.js";
import type { FollowUpHooks } from "./follow-up-hooks.js";
import type { MediaPorts } from "../ports/media.js";
import type { CrmPorts } from "../ports/crm.js";
import type { CallStore } from "../ports/calls.js";

/** The ports every use case is built from; main.ts picks the adapters. */
export interface CoreDeps {
  store: ConversationStore;
  gateway: SmsGateway;
  staffChat: StaffChat;
  brain: Brain;
  clock: Clock;
  logger: Logger;
  rooftops: RooftopDirectory;
  /** Nudges, reminders and escalations; absent, nothing is scheduled (unit tests). */
  followUps?: FollowUpHooks;
  /** The trained reader of revocations in plain words; absent, only the consent rules decide. */
  judge?: TextJudge;
  /** Who answers HELP/STOP/START keywords: the SMS provider (default) or Baton. */
  keywordReplies?: KeywordReplies;
  /** What kind of line a number is and where, for the destination policy of automated first texts. */
  phones?: PhoneNumbers;
  /** Customers' pictures and reps' attachments; absent, a text's files are only counted. */
  media?: MediaPorts;
  /** Leads (ADF by e-mail) and events (the webhook) for the dealership's CRM; absent, none are sent. */
  crm?: CrmPorts;
  /** Missed calls to the texting number; absent, calls are not taken. */
  calls?: CallStore;
}
