/**
 * Shows only the last four digits of a phone number: enough for a rep to recognise a
 * returning customer, not enough to text them outside Baton. Used on cards and in logs.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 4) return "•••";
  return `•••-•••-${digits.slice(-4)}`;
}

/** Anything in free text that looks like a phone number (7+ digits, with the usual separators). */
const PHONE_LIKE = /\+?\(?\d(?:[\s().-]{0,2}\d){6,}/g;

/** Free text from elsewhere (a provider's error, a summary) with every phone-like number masked. */
export function maskPhonesIn(text: string): string {
  return text.replace(PHONE_LIKE, (number) => maskPhone(number));
}
