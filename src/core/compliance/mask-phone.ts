/**
 * Shows only the last four digits of a phone number: enough for a rep to recognise a
 * returning customer, not enough to text them outside Baton. Used on cards and in logs.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 4) return "•••";
  return `•••-•••-${digits.slice(-4)}`;
}
