import { maskPhonesIn } from "../compliance/mask-phone.js";

/**
 * What a provider's refusal means to a rep, in words. Codes are Twilio's, which compatible
 * providers reuse. Unknown codes fall back to the provider's own message.
 */
const EXPLANATIONS: Record<string, string> = {
  "21610":
    "the customer unsubscribed from this number at the carrier (they texted STOP); Baton will not text them again unless they text START",
  "21211": "this is not a valid phone number",
  "21614": "this number cannot receive texts (not a mobile number)",
  "21612": "the carrier cannot route texts between these two numbers",
  "21408": "texting this country is not enabled on the account",
  "30003": "the phone is unreachable (off or out of coverage)",
  "30004": "the recipient's carrier blocked the message",
  "30005": "the number is unknown or no longer in service",
  "30006": "the number is a landline or cannot receive texts",
  "30007": "the carrier filtered the message as spam",
};

export function explainSendFailure(code: string | undefined, providerMessage: string): string {
  // A provider's own words may quote the customer's number; the thread shows it masked, as the card does.
  return (code && EXPLANATIONS[code]) ?? maskPhonesIn(providerMessage);
}

/** The provider says the number unsubscribed: treat it exactly like a STOP from the customer. */
export const UNSUBSCRIBED_CODE = "21610";
