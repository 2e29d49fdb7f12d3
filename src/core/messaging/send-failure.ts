import { maskPhonesIn } from "../compliance/mask-phone.js";

/**
 * Why a text did not go out, or did not arrive, in Baton's words. Each SMS adapter maps its
 * provider's codes to these; the core never reads a provider's code, it only shows it to people.
 */
export const SEND_FAILURE_REASONS = [
  /** The number unsubscribed at the carrier (a STOP the provider keeps): treated like a STOP to Baton. */
  "opted_out",
  "invalid_number",
  "not_mobile",
  "unroutable",
  "country_not_enabled",
  /** The handset is off or out of coverage. */
  "unreachable",
  "blocked_by_carrier",
  "unknown_number",
  "landline",
  "filtered_as_spam",
  /** Too many texts too fast: the provider will take it later. */
  "rate_limited",
  /** The provider refused this request for a reason of its own (the account, the sender number…). */
  "rejected",
  /** The provider failed, or did not answer: it may have taken the text all the same. */
  "provider_error",
  /** No SMS provider is configured. */
  "sms_off",
  "unknown",
] as const;

export type SendFailureReason = (typeof SEND_FAILURE_REASONS)[number];

/** Reasons a later try may fix: a busy or failing provider, or a failure nobody explained. Any other is for good. */
const TRANSIENT: ReadonlySet<SendFailureReason> = new Set<SendFailureReason>([
  "rate_limited",
  "provider_error",
  "unknown",
]);

/** Whether retrying can never help: the default for SmsSendError's `permanent`. */
export const isPermanentFailure = (reason: SendFailureReason): boolean => !TRANSIENT.has(reason);

/**
 * What each reason means to a rep, in words. Undefined: the provider's own message says more
 * (it names the account's or the request's problem), and is shown instead.
 */
const EXPLANATIONS: Record<SendFailureReason, string | undefined> = {
  opted_out:
    "the customer unsubscribed from this number at the carrier (they texted STOP); Baton will not text them again unless they text START",
  invalid_number: "this is not a valid phone number",
  not_mobile: "this number cannot receive texts (not a mobile number)",
  unroutable: "the carrier cannot route texts between these two numbers",
  country_not_enabled: "texting this country is not enabled on the account",
  unreachable: "the phone is unreachable (off or out of coverage)",
  blocked_by_carrier: "the recipient's carrier blocked the message",
  unknown_number: "the number is unknown or no longer in service",
  landline: "the number is a landline or cannot receive texts",
  filtered_as_spam: "the carrier filtered the message as spam",
  rate_limited: "the SMS provider is refusing texts for now: too many were sent too fast",
  provider_error: "the SMS provider failed or did not answer",
  rejected: undefined,
  sms_off: undefined,
  unknown: undefined,
};

/** A failure in words for the thread; a provider's own words are shown with phone numbers masked. */
export function explainSendFailure(reason: SendFailureReason | undefined, providerMessage: string): string {
  // A provider's own words may quote the customer's number; the thread shows it masked, as the card does.
  return (reason && EXPLANATIONS[reason]) ?? maskPhonesIn(providerMessage);
}
