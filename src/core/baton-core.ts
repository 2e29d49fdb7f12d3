import type { KeywordReplies } from "./compliance/keyword-replies.js";
import type { CrmPorts } from "./ports/crm.js";
import type { CallStore } from "./ports/calls.js";
import type { MissedCall, MissedCallReceipt, Voicemail } from "./use-cases/calls/missed-calls.js";
import type { IncomingLead } from "./leads/lead.js";
import type { Brain } from "./ports/brain.js";
import type { Clock } from "./ports/clock.js";
import type { FollowUpStore } from "./ports/follow-up-store.js";
import type { JobStore } from "./ports/jobs.js";
import type { LeadStore } from "./ports/lead-store.js";
import type { Logger } from "./ports/logger.js";
import type { PhoneNumbers } from "./ports/phone-numbers.js";
import type { MediaPorts } from "./ports/media.js";
import type { RooftopDirectory } from "./ports/rooftops.js";
import type { SmsSender } from "./ports/sms.js";
import type { HandoffCard, StaffChat, ThreadRef } from "./ports/staff-chat.js";
import type { ConversationStore } from "./ports/store.js";
import type { TextJudge } from "./ports/text-judge.js";
import type { TickResult } from "./scheduling/job-runner.js";
import type { FollowUpDeps } from "./use-cases/follow-up-deps.js";
import type { StaffCommandRequest } from "./use-cases/handle-staff-command.js";
import type { InboundSms, ReceiveResult } from "./use-cases/handle-inbound-sms.js";
import type { LeadReceipt } from "./use-cases/leads/receive-lead.js";
import type { DeliveryStatusReport } from "./use-cases/record-delivery-status.js";
import type { RelayOutcome, RepReply } from "./use-cases/relay-rep-reply.js";
import type { StaffActionResult, StaffMember } from "./use-cases/staff-action.js";
import type { BreakerEvents } from "./brain/model-health.js";

/** The ports out: what the core is built from. main.ts and the tests choose the adapters. */
export interface BatonPorts {
  store: ConversationStore;
  jobs: JobStore;
  followUpStore: FollowUpStore;
  /** Web and ADF leads; absent, lead work has nothing to do. */
  leadStore?: LeadStore;
  sender: SmsSender;
  staffChat: StaffChat;
  brain: Brain;
  /** The trained reader of revocations in plain words; absent, only the consent rules decide. */
  judge?: TextJudge;
  clock: Clock;
  logger: Logger;
  rooftops: RooftopDirectory;
  phones?: PhoneNumbers;
  /** Customers' pictures and reps' attachments; absent, a text's files are only counted. */
  media?: MediaPorts;
  /** Leads and events for the dealership's CRM; absent, none are sent. */
  crm?: CrmPorts;
  /** Missed calls to the texting number; absent, calls are not taken. */
  calls?: CallStore;
}

export interface BatonSettings {
  /** This replica's name on the job leases it takes. */
  workerId: string;
  /** A customer's texts within this many ms are one turn. @default 0 (each text answered at once) */
  replyCoalesceMs?: number;
  /** Texts and leads answered at once in this process. @default unlimited */
  answerConcurrency?: number;
  /** Who answers HELP/STOP/START: the SMS provider (default) or Baton. */
  keywordReplies?: KeywordReplies;
  /** A brain decision at or above this frustration is flagged to managers. @default 0.7 */
  frustrationThreshold?: number;
  /** Waits between attempts of a failed send. @default the gateway's */
  smsRetryDelaysMs?: number[];
  /** How often the hold on texts being answered is renewed. @default HANDLING_LEASE.renewEveryMs */
  renewEveryMs?: number;
  /** Quiet hours and the pace of automated texts in the gateway. @default true */
  pacing?: boolean;
  /** Nudges, reminders and escalations planned. false: none (unit tests of one use case). @default true */
  followUps?: boolean;
}

/** What a person in the staff chat can do: the same for Slack, Teams and the sandbox. */
export interface StaffMoves {
  claim(conversationId: string, rep: StaffMember, card?: ThreadRef): Promise<StaffActionResult>;
  handBack(conversationId: string, rep: StaffMember, card?: ThreadRef): Promise<StaffActionResult>;
  resolve(conversationId: string, rep: StaffMember, card?: ThreadRef): Promise<StaffActionResult>;
  /** A reply (or a // note) in a card's thread. */
  relay(reply: RepReply): Promise<RelayOutcome>;
  /** The card as the database says it is now: what a click answers with. */
  currentCard(conversationId: string): Promise<HandoffCard | undefined>;
  /** Remembers a delivery key; false when the chat delivers the same event again. */
  takeDelivery(key: string): Promise<boolean>;
}

/**
 * Baton's one door in. Every adapter (the Twilio routes, Slack, Teams, the sandbox, the leads
 * API, the cron tick) and every test harness drives Baton through this, and nothing else.
 */
export interface BatonCore {
  /** Stores a customer's text (durable before the webhook is answered); its answer follows on its own. */
  receiveSms(sms: InboundSms): Promise<ReceiveResult>;
  /** Stores a delivery's leads, all or none; each first text (or card) follows on its own. */
  receiveLeads(dealershipId: string, leads: IncomingLead[], raw: string): Promise<LeadReceipt[]>;
  recordDeliveryStatus(report: DeliveryStatusReport): Promise<void>;
  /** A call no one answered: stored before the provider's answer; the text-back (or the owner's line) follows on its own. */
  receiveMissedCall(call: MissedCall): Promise<MissedCallReceipt>;
  /** A missed caller's voicemail: its link in the conversation's thread. */
  receiveVoicemail(voicemail: Voicemail): Promise<void>;
  /** The provider's transcription of that voicemail. */
  receiveTranscription(callSid: string, text: string): Promise<void>;
  staff: StaffMoves;
  staffCommand(request: StaffCommandRequest): Promise<string>;
  /** What the cron tick does: finish work a crashed replica left, then run the jobs due now. */
  runDueWork(): Promise<TickResult>;
  /** The jobs due now, without the recovery sweep (tests that count jobs). */
  tick(): Promise<TickResult>;
  /** Work a crashed process left: texts never answered, sends interrupted, (at start-up) leads never tried. */
  recoverUnfinishedWork(atStartUp: boolean): Promise<void>;
  /** Plans each rooftop's next digest (idempotent across replicas). */
  planDigests(dealershipIds: string[]): Promise<void>;
  /** The model's breaker opening and closing, told to the managers (GuardedBrain's health reports them). */
  modelBreaker(model: string): BreakerEvents;
  /** Resolves once every accepted text has been answered (on a manual clock, move it past the reply window first). */
  idle(): Promise<void>;
  /** Starts nothing new and waits for what is in progress, at most `graceMs`; true when the grace ran out. */
  drain(graceMs: number): Promise<boolean>;
  /** The ports and planner the use cases run on (tests reach the store through it). */
  readonly deps: FollowUpDeps;
}
