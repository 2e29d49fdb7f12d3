import type { PhoneNumbers } from "../ports/phone-numbers.js";

/** Why an automated first text may not go to a number a form or provider gave. */
export type DestinationRefusal =
  "destination_country" | "destination_premium" | "destination_toll_free" | "destination_unknown" | "own_number";

/** @default the US and Canada: where a dealership's leads text from. */
export const DEFAULT_SMS_COUNTRIES = ["US", "CA"] as const;

/**
 * A public form can name any number: texting a premium, toll-free or foreign number on it runs
 * up the store's bill (SMS pumping), and texting its own number loops. So an automated first
 * text goes only to an ordinary line in one of the rooftop's countries that is not Baton's own.
 * A person still sees the lead and decides.
 */
export function refuseDestination(
  e164: string,
  phones: PhoneNumbers,
  policy: { countries: readonly string[]; ownNumbers: readonly string[] },
): DestinationRefusal | undefined {
  if (policy.ownNumbers.includes(e164)) return "own_number";
  const phone = phones.classify(e164);
  if (phone.kind === "premium" || phone.kind === "shared_cost") return "destination_premium";
  if (phone.kind === "toll_free") return "destination_toll_free";
  if (!phone.country) return "destination_unknown";
  return policy.countries.includes(phone.country) ? undefined : "destination_country";
}
