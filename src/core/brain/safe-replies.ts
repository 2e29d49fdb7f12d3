import type { HandoffReason } from "../ports/brain.js";

/**
 * Replies that commit to nothing, for when code decides a person takes over. Plain GSM-7
 * characters only, so each stays a single SMS segment.
 */
const REPLIES: Partial<Record<HandoffReason, string>> = {
  asked_for_person: "Of course. A member of our team will text you back here shortly.",
  guardrail: "Thanks for your message. That's one for a member of our team, and a person will follow up with you here shortly.",
  brain_failure: "Thanks for your message! A member of our team will text you back here shortly.",
};

const PENDING = "Thanks! A teammate is already on the way and will reply here shortly.";

export function writeSafeReply(reason: HandoffReason, handoffPending = false): string {
  if (handoffPending) return PENDING;
  return REPLIES[reason] ?? REPLIES.guardrail!;
}
