import { classifyConsentText } from "../compliance/opt-out.js";
import type { Conversation } from "../conversation/conversation.js";
import { aiMaySpeak } from "../conversation/state-machine.js";

/**
 * Why a message is sent. Automated purposes are re-checked against ownership at the moment
 * of sending, not when they were planned; a person's own reply is not automated.
 */
export type SendPurpose =
  | "ai_reply"
  | "claim_notice"
  | "rep_reply"
  | "optout_confirmation"
  | "optin_confirmation"
  | "help_reply"
  /** A caller no one answered, texted back at once: the customer just reached out, so never held back. */
  | "missed_call";

/**
 * Texts the customer did not just ask for (nudges, reminders, a rep's scheduled follow-up, a first
 * touch to a lead that did not text first): held to the sending window and the dealership's pace.
 * A direct reply to a customer who just texted is a SendPurpose and is never held back.
 */
export type ScheduledPurpose = "nudge" | "appointment_reminder" | "rep_followup" | "first_touch";

export type RefusalReason =
  "opted_out" | "person_owns_thread" | "resolved" | "no_sms_number" | "no_consent" | "consent_in_doubt";

/** Sent by Baton on its own: only while no person owns the thread. */
const AUTOMATED: ReadonlySet<SendPurpose | ScheduledPurpose> = new Set([
  "ai_reply",
  "nudge",
  "first_touch",
  "missed_call",
]);
/** Answers carriers require, which still reach a number that opted out (CTIA: STOP confirmation, HELP). */
export const ALLOWED_WHEN_OPTED_OUT: ReadonlySet<SendPurpose | ScheduledPurpose> = new Set([
  "optout_confirmation",
  "help_reply",
]);

/** Texts Baton starts on its own, which need the customer's consent when they never texted us (a lead without it). */
const NEEDS_CONSENT: ReadonlySet<SendPurpose | ScheduledPurpose> = new Set([
  "first_touch",
  "nudge",
  "appointment_reminder",
  "rep_followup",
  "claim_notice",
]);

/** What the rules say about sending `purpose` in `conversation` now; undefined when it may go. */
export function refusalFor(
  purpose: SendPurpose | ScheduledPurpose,
  conversation: Conversation,
  hasSmsNumber: boolean,
): RefusalReason | undefined {
  // TCPA / CTIA: nothing reaches a number that opted out, whoever asks, except the single
  // confirmation of that opt-out and the HELP answer carriers require.
  if (conversation.customer.optedOut && !ALLOWED_WHEN_OPTED_OUT.has(purpose)) return "opted_out";
  // TCPA: a lead that did not agree to texts gets none that Baton starts, until the customer texts us.
  if (
    NEEDS_CONSENT.has(purpose) &&
    conversation.leadSource &&
    !conversation.leadSource.smsConsent &&
    !conversation.lastCustomerAt
  )
    return "no_consent";
  // The customer may have revoked consent in their own words: nothing automated or Baton-initiated
  // goes out until a person decides (a rep's own reply still does: that person is deciding).
  if (
    (AUTOMATED.has(purpose) || NEEDS_CONSENT.has(purpose)) &&
    conversation.handoffReason === "may_opt_out" &&
    conversation.status !== "resolved"
  ) {
    return "consent_in_doubt";
  }
  if (AUTOMATED.has(purpose) && !aiMaySpeak(conversation.status)) {
    return conversation.status === "resolved" ? "resolved" : "person_owns_thread";
  }
  if (!hasSmsNumber) return "no_sms_number";
  return undefined;
}

/**
 * A STOP the customer sent that Baton has stored but not yet processed (it waits behind their
 * earlier texts): it counts already. Only the keyword and phrase rules decide here, never a guess.
 */
export const anyOptOut = (unansweredTexts: readonly string[]): boolean =>
  unansweredTexts.some((text) => classifyConsentText(text).kind === "optout");
