import type { Conversation, MessageAuthor, StoredMessage } from "../conversation/conversation.js";
import type { ConversationAction } from "../conversation/state-machine.js";
import type { Department, HandoffReason, LeadFields, TokenUsage } from "./brain.js";
import type { ThreadRef } from "./staff-chat.js";
import type { Language } from "../language/detect-language.js";
import type { ProviderMedia } from "./media.js";
import type { JobType, NewJob } from "./jobs.js";

/** A conversation as a send checks it: with what its customer texted that is not answered yet. */
export interface ConversationToSend {
  conversation: Conversation;
  unansweredTexts: string[];
}

export interface InboundSmsRecord {
  dealershipId: string;
  from: string;
  body: string;
  providerId: string;
  numMedia: number;
  /** Where the provider keeps the MMS's files, to fetch once the webhook is answered. */
  media?: ProviderMedia[];
  receivedAt: Date;
  /** Written with the text only when it opens a new conversation (the outbox); a job without a conversation gets the new one's. */
  jobsIfOpened?: NewJob[];
}

export interface RecordedInbound {
  messageId: string;
  conversationId: string;
  /** True when this provider id was already stored: a webhook retry. */
  duplicate: boolean;
}

/** A conversation's pending jobs that the texts being taken make moot (a nudge chasing a silence they end). */
export interface JobsToCancel {
  types: readonly JobType[];
  reason: string;
  at: Date;
}

export interface ConversationPatch {
  department?: Department;
  intent?: string;
  lead?: LeadFields;
  summary?: string;
  handoffReason?: HandoffReason | null;
  thread?: ThreadRef;
  firstResponseAt?: Date;
  language?: Language;
  /** Tokens the model used for this turn: added to the conversation's totals. */
  usage?: TokenUsage;
}

export interface MoveRequest {
  conversationId: string;
  action: ConversationAction;
  at: Date;
  /** For a claim: the person who takes the thread. */
  owner?: { id: string; name: string };
  /** For Hand back and Resolve: who clicked. A claimed thread moves only for its owner, in the same update. */
  by?: string;
  handoffReason?: HandoffReason;
  /** Written in the same statement, only when the move is made (the outbox: the CRM's events). */
  jobs?: NewJob[];
}

export interface OutboundRecord {
  conversationId: string;
  body: string;
  author: MessageAuthor;
  authorName?: string;
  idempotencyKey: string;
  /** When it was sent, from the injected clock. @default the database's now() */
  at?: Date;
  /** Files saved for this text (MediaStore.saveOutbound), linked to it in the same statement. */
  mediaIds?: string[];
}

export interface DeliveryUpdate {
  providerId?: string;
  status: string;
  errorCode?: string;
  errorMessage?: string;
}

export interface ListMessagesOptions {
  inboundUpTo?: Date;
  since?: Date;
}

/** When a burst of texts is due for its answer: see ConversationStore.takeTurn. */
export interface TurnDue {
  /** The customer's last text came at or before this: they paused. */
  quietSince: Date;
  /** Or the first text still waiting came at or before this: they never pause (a script), answer anyway. */
  waitingSince: Date;
}

export type TakenTurn =
  | { taken: true; texts: StoredMessage[]; conversation: Conversation }
  /** Nothing taken: no text waits (or another replica holds them), or the customer is still typing (`waiting`). */
  | { taken: false; waiting?: { firstAt: Date; lastAt: Date } };

export interface EventRecord {
  conversationId: string;
  type: string;
  actor: string;
  data?: Record<string, unknown>;
  at: Date;
}

/**
 * Everything Baton remembers. All state lives here, so replicas stay stateless; every
 * method that decides ownership or sends is atomic in the database, not in memory.
 */
export interface ConversationStore {
  ensureDealership(d: { id: string; name: string; timezone: string; smsNumber?: string }): Promise<void>;

  /** Stores an inbound text (idempotent on providerId) in the customer's open conversation, opening one if needed. */
  recordInbound(sms: InboundSmsRecord): Promise<RecordedInbound>;
  /** Takes an inbound message for handling and returns it with its conversation; undefined if another worker already did. */
  /** `cancels` are cancelled in the same statement, only when the text is taken. */
  startHandling(
    messageId: string,
    cancels?: JobsToCancel,
  ): Promise<{ message: StoredMessage; conversation: Conversation } | undefined>;
  finishHandling(messageId: string, at: Date): Promise<void>;
  /** Extends this replica's hold on texts it is still answering (the heartbeat). */
  renewHandling(messageIds: string[]): Promise<void>;
  /**
   * At the start of the only process that can use this database (embedded): every hold is a
   * dead predecessor's, so it runs out now. Returns how many texts and sends were held.
   */
  takeBackHolds(): Promise<number>;
  /**
   * Takes every text of the conversation still waiting for an answer, as one turn, with the same
   * lease as startHandling (so a crashed replica's turn is taken again once it runs out), when the
   * turn is due (`due`); else takes nothing and says when the waiting texts came.
   */
  takeTurn(conversationId: string, due: TurnDue, cancels?: JobsToCancel): Promise<TakenTurn>;
  finishTurn(messageIds: string[], at: Date): Promise<void>;
  /** When a person last handed the conversation back to the AI, if ever. */
  lastHandBackAt(conversationId: string): Promise<Date | undefined>;
  /**
   * Inbound texts stored but never answered (a crash between storing and answering): never
   * taken and stored before `receivedBefore`, or taken by a replica whose lease ran out.
   */
  listUnhandledInbound(receivedBefore: Date, limit: number): Promise<string[]>;

  getMessage(id: string): Promise<StoredMessage | undefined>;
  getConversation(id: string): Promise<Conversation | undefined>;
  findConversationByThread(thread: ThreadRef): Promise<Conversation | undefined>;
  /** Records `thread` as the conversation's card only when none is recorded; false otherwise. */
  linkThread(conversationId: string, thread: ThreadRef): Promise<boolean>;
  /**
   * The newest `limit` messages, oldest first. `inboundUpTo` leaves out customer texts that
   * arrived later (still queued); `author` and `since` narrow to one author's recent messages.
   */
  listMessages(conversationId: string, limit: number, options?: ListMessagesOptions): Promise<StoredMessage[]>;
  /** `jobs` are written in the same statement (the outbox). */
  updateConversation(id: string, patch: ConversationPatch, jobs?: NewJob[]): Promise<void>;
  /** Applies a state-machine move atomically; false when the conversation was not in a state that allows it. */
  applyMove(request: MoveRequest): Promise<boolean>;
  appendEvent(event: EventRecord): Promise<void>;

  /** `jobs` are written in the same statement, only when this changes the customer's choice (the outbox). */
  setOptOut(customerId: string, optedOut: boolean, at: Date, jobs?: NewJob[]): Promise<void>;

  /** Inserts an outbound message unless its idempotency key exists; returns the row and whether it is new. */
  insertOutbound(record: OutboundRecord): Promise<{ message: StoredMessage; created: boolean }>;
  updateDelivery(messageId: string, update: DeliveryUpdate): Promise<void>;
  /**
   * Outbound rows still "sending" since before `olderThan` (a replica died between the row and
   * the provider's answer), or "reconciling" by a replica that died doing so.
   */
  listUnsettledOutbound(olderThan: Date, limit: number): Promise<StoredMessage[]>;
  /** Takes one such row (or one "retrying" after a provider failure) for another try, with a lease; false if another replica holds it. */
  takeUnsettledOutbound(messageId: string): Promise<boolean>;
  /**
   * The conversation as a send finds it, with what its customer texted that is stored but not yet
   * answered (at most a few, short ones, across their conversations): a STOP among them counts
   * before it is processed. One read, since every send needs both.
   */
  getConversationToSend(id: string): Promise<ConversationToSend | undefined>;
  /** For provider status callbacks; returns the message it changed. */
  updateDeliveryByProviderId(providerId: string, update: DeliveryUpdate): Promise<StoredMessage | undefined>;
  insertInternalNote(conversationId: string, body: string, authorName: string, key: string): Promise<boolean>;

  /** Remembers a webhook delivery key; false if it was already taken (a retry or double click). */
  takeDelivery(key: string): Promise<boolean>;
}
