import type { VoiceSettings } from "../core/ports/rooftops.js";
import type { Department } from "../core/ports/brain.js";
import type { Knowledge } from "../core/knowledge/knowledge.js";
import type { FollowUpSettings } from "../core/follow-up/settings.js";
import type { SchedulerConfig } from "./follow-up-schema.js";

/** One store: its number, its knowledge and where its handoffs go. */
export interface Rooftop {
  id: string;
  name: string;
  timezone: string;
  /** The dealership number customers text; unset when SMS is off. */
  smsNumber?: string;
  knowledge: Knowledge;
  slack?: {
    handoffChannel: string;
    managerChannel?: string;
    departmentChannels: Partial<Record<Department, string>>;
  };
  /**
   * This rooftop's cards go to Microsoft Teams (channels are picked in Teams with
   * `@Baton use this channel for handoffs`). With `departments`, only those go to Teams and
   * the rest to Slack: one rooftop can split its departments between the two.
   */
  teams?: { departments?: Department[] };
  /** Sending window, pace, nudge cadence, claim target, digest time (defaults when absent). */
  followUps?: FollowUpSettings;
  /**
   * Web and ADF leads: the secret that authenticates this rooftop's leads (and says which rooftop
   * they are for), and whether an ADF lead counts as SMS consent. Absent: no leads.
   */
  leads?: { token: string; adfImpliesSmsConsent: boolean; smsCountries: string[] };
  /** Where its leads (ADF by e-mail) and events (a signed webhook) go; absent, the CRM hears nothing. */
  crm?: { adfEmail?: string; webhook?: { url: string; secret: string } };
  /** Calls to the texting number: the store's line to ring first, voicemail, the text-back's cooldown. */
  voice?: VoiceSettings;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  apiUrl?: string;
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  apiUrl?: string;
}

export interface TeamsConfig {
  /** Microsoft App ID of the Azure Bot; empty in Emulator mode. */
  appId: string;
  appPassword: string;
  tenantId: string;
  /** No credentials: the Bot Framework adapter skips token checks (local testing only). */
  emulator: boolean;
}

export interface OpenAiConfig {
  apiKey: string;
  model: string;
  baseURL?: string;
  /** The whole model call, retries and Retry-After waits included. */
  timeoutMs: number;
  /** Consecutive failures that make Baton answer alone for `breakerCoolDownMs`. */
  breakerFailures?: number;
  breakerCoolDownMs?: number;
}

/** The dealership number a rooftop gets in the sandbox when it has none (555-01xx numbers are fictional). */
export const SANDBOX_DEALER_NUMBER = "+15125550100";

/** The browser sandbox: a simulated phone and staff channel in place of Twilio and Slack. */
export interface SandboxConfig {
  /** SANDBOX=on: requests from other machines are answered too (never on a public address). @default false */
  allowRemote: boolean;
}

/** Everything Baton runs on, validated once at start-up. */
/** Customers' pictures and reps' attachments: links, retention, the provider's copy. */
export interface MediaConfig {
  /** How long a signed /media link the SMS provider fetches works (MEDIA_URL_TTL). */
  urlTtlMs: number;
  /** How long a link a staff chat shows works (MEDIA_CHAT_URL_TTL). */
  chatUrlTtlMs: number;
  /** Files older than this are deleted (MEDIA_RETENTION_DAYS). */
  retentionDays: number;
  /** Delete an inbound file at the SMS provider once Baton has it (MEDIA_DELETE_AT_PROVIDER). */
  deleteAtProvider: boolean;
  /** MEDIA_URL_SECRET; unset, one kept in the database. */
  urlSecret?: string;
}

/** The CRM's shared settings; each rooftop's addresses are on the rooftop. */
export interface CrmConfig {
  /** The mail server ADF leads go through; set whenever a rooftop has an ADF address. */
  smtp?: { url: string; from: string };
  /** The same customer and department is not sent again within this many days (CRM_DEDUPE_DAYS). */
  dedupeDays: number;
}

export interface Config {
  port: number;
  host: string;
  /** Express "trust proxy": which proxies' X-Forwarded-For to believe for the caller's address (the lead rate limit). */
  trustProxy?: string;
  /** How long SIGTERM waits for work in progress before closing anyway. */
  shutdownGraceMs?: number;
  publicUrl?: string;
  databaseUrl?: string;
  /** Baton processes serving the one port (Node's cluster, WORKERS): more than 1 only on PostgreSQL, without the sandbox. */
  workers: number;
  logLevel: string;
  /** Customer texts this process answers at once; the rest wait their turn (they are stored already). */
  answerConcurrency: number;
  /** How long the customer must pause before their texts are answered, together, as one turn; 0 answers each text at once. */
  replyCoalesceMs: number;
  media: MediaConfig;
  crm: CrmConfig;
  rooftops: Rooftop[];
  twilio?: TwilioConfig;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  openai?: OpenAiConfig;
  /** On only when no Twilio, Slack or Teams is configured, and SANDBOX is not off. */
  sandbox?: SandboxConfig;
  /** Scheduled work of this process (defaults when absent). */
  scheduler?: SchedulerConfig;
}
