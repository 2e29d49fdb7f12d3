/**
 * What carriers require in answer to HELP and opt-in keywords (CTIA Messaging Principles and
 * the 10DLC campaign rules): who is texting, a contact number, "Msg & data rates may apply",
 * and how to stop.
 */
export function helpReply(dealershipName: string, contactNumber: string | undefined): string {
  const contact = contactNumber ? `Call ${contactNumber} or reply here for help.` : "Reply here for help.";
  return `${dealershipName}: ${contact} Msg & data rates may apply. Reply STOP to opt out.`;
}

export function optInReply(dealershipName: string): string {
  return `${dealershipName}: you're subscribed to texts again. Msg & data rates may apply. Reply HELP for help, STOP to opt out.`;
}

/** Who answers keywords: the provider (Twilio Advanced Opt-Out does by default) or Baton. */
export type KeywordReplies = "provider" | "baton";
