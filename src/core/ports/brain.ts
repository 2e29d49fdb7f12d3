import type { Knowledge } from "../knowledge/knowledge.js";
import type { Language } from "../language/detect-language.js";

export const DEPARTMENTS = ["sales", "service", "parts", "finance", "general"] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Why a person is needed. Code-decided reasons and model-decided reasons share this list. */
export const HANDOFF_REASONS = [
  "price",
  "trade_in",
  "financing",
  "complaint",
  "asked_for_person",
  "cannot_answer",
  "guardrail",
  "brain_failure",
  "ai_paused",
  "new_lead",
  /** The reply tells the customer a person will act (set a time, check an order): one must be told. */
  "follow_through",
  /** The text may withdraw consent, but not clearly: a person decides before anyone texts again. */
  "may_opt_out",
  /** Baton could not get a text to the customer for minutes (the SMS provider kept failing): a person reaches them. */
  "not_delivered",
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export interface Vehicle {
  year?: number;
  make?: string;
  model?: string;
  trim?: string;
  stock?: string;
  vin?: string;
}

export interface TradeIn {
  year?: number;
  make?: string;
  model?: string;
  mileage?: number;
}

/** What the conversation has gathered about the customer's request so far. */
export interface LeadFields {
  name?: string;
  email?: string;
  vehicle?: Vehicle;
  /** The customer's words for when ("tomorrow after 5"). */
  timing?: string;
  /** The same, resolved in the dealership's time zone, ISO 8601, when it could be. */
  timingAt?: string;
  tradeIn?: TradeIn;
  preferredContactTime?: string;
}

export interface HistoryEntry {
  author: "customer" | "ai" | "rep" | "system";
  body: string;
}

export interface BrainInput {
  text: string;
  /** Earlier messages of this conversation, oldest first (not including `text`). */
  history: HistoryEntry[];
  lead: LeadFields;
  knowledge: Knowledge;
  now: Date;
  /** Set when a person is already on the way: the brain holds the line, it does not hand off again. */
  handoffPending?: boolean;
  /** The language the conversation has been in so far (a text that says little, "3pm", keeps it). */
  language?: Language;
}

export type Disposition = "answer" | "follow_up" | "handoff";

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

export interface BrainDecision {
  department: Department;
  intent: string;
  disposition: Disposition;
  handoffReason?: HandoffReason;
  /** One line a rep can read: why this disposition. */
  reason: string;
  /** The SMS to send the customer. */
  reply: string;
  /** Fields learnt from this text (merged into the conversation's lead by the caller). */
  lead: LeadFields;
  /** 0 calm … 1 furious. */
  frustration: number;
  /** Running summary for the handoff card. */
  summary: string;
  /** Which brain produced it, after any fallback: "local", "openai", "guardrail". */
  source: string;
  /** The language the reply is written in (recorded on the conversation). */
  language?: Language;
  /** A model's reading that the text withdraws consent to be texted: nothing is sent, a person decides. */
  revokesConsent?: boolean;
  usage?: TokenUsage;
}

/** Reads one customer text in context and decides what happens next. */
export interface Brain {
  readonly name: string;
  decide(input: BrainInput): Promise<BrainDecision>;
}
