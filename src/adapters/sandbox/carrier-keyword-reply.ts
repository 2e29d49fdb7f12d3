import { classifyConsentText } from "../../core/compliance/opt-out.js";

/**
 * Twilio Advanced Opt-Out's default answers. With SMS_KEYWORD_REPLIES=provider Baton leaves the
 * keywords to the provider, so in the sandbox the simulated carrier answers them, as Twilio would.
 * @see https://help.twilio.com/articles/360034798533
 */
const DEFAULT_REPLIES = {
  optout:
    "You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.",
  optin:
    "You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
  help: "Reply STOP to unsubscribe. Msg&Data Rates May Apply.",
} as const;

/** The carrier's own reply to a keyword text, or undefined when the text is not one. */
export function carrierKeywordReply(text: string): string | undefined {
  const consent = classifyConsentText(text);
  return consent.kind && consent.by === "keyword" ? DEFAULT_REPLIES[consent.kind] : undefined;
}
