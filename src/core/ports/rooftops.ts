import type { FollowUpSettings } from "../follow-up/settings.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { WebhookTarget } from "./crm.js";

/** What the core needs to know about each store it serves. */
export interface RooftopInfo {
  id: string;
  name: string;
  timezone: string;
  smsNumber?: string;
  knowledge: Knowledge;
  /** Sending window, pace, cadences and targets; defaults when absent. */
  followUps?: FollowUpSettings;
  /** Web and ADF leads; absent when this rooftop takes none. */
  leads?: LeadSettings;
  /** Where leads (ADF by e-mail) and events (the signed webhook) go; absent, the CRM hears nothing. */
  crm?: CrmSettings;
  /** Calls to the texting number (missed-call text-back); absent, calls get the defaults. */
  voice?: VoiceSettings;
}

export interface VoiceSettings {
  /** The store's line a call rings first (E.164); absent, the number is text-only. */
  forwardTo?: string;
  /** How long the store's line rings before the call counts as missed. @default 20 */
  ringSeconds: number;
  /** A missed caller may leave a message (`transcribe`: with Twilio's transcription too). */
  voicemail: "off" | "on" | "transcribe";
  /** At most one text-back per caller in this long. @default 24 h */
  textBackCooldownMs: number;
}

export interface CrmSettings {
  /** The CRM's ADF lead address. */
  adfEmail?: string;
  webhook?: WebhookTarget;
}

export interface LeadSettings {
  /**
   * ADF has no consent field: true only when this dealership's lead providers collect SMS
   * consent for it (their documented terms), so an ADF lead may be texted. @default false
   */
  adfImpliesSmsConsent: boolean;
  /** Countries an automated first text may go to (ISO codes). @default ["US", "CA"] */
  smsCountries?: readonly string[];
}

export interface RooftopDirectory {
  get(dealershipId: string): RooftopInfo;
  /** The rooftop a customer texted, by the number they texted; undefined if it is not ours. */
  bySmsNumber(number: string): RooftopInfo | undefined;
  /** Every rooftop this process serves. */
  all(): RooftopInfo[];
}
