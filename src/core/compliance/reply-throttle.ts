/**
 * Flood and loop protection. Another auto-responder texting back and forth, or one number
 * sending fifty texts in a minute, must not make Baton answer fifty times. Pure: the caller
 * passes the conversation's recent messages.
 */
export interface TimedMessage {
  author: "customer" | "ai" | "rep" | "system";
  body: string;
  at: Date;
}

export type ThrottleVerdict = { quiet: false } | { quiet: true; reason: "flood" | "loop"; explanation: string };

export const THROTTLE_LIMITS = {
  /** AI replies allowed in the last minute… */
  perMinute: 3,
  /** …and in the last ten minutes, before the AI stops answering this conversation. */
  perTenMinutes: 8,
  /** The same customer text this many times in a row, each answered, is a loop. */
  repeats: 3,
} as const;

const AUTO_REPLY = /\b(auto(?:matic|mated)?[- ]?(?:reply|response|responder|message)|out of (?:the )?office|do not reply|this (?:number|line|inbox) (?:is|does) not (?:monitored|accept)|message (?:was )?not delivered|i'?m (?:driving|busy) right now|sent from my .* autoreply)\b/i;

const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** Whether the AI should answer the newest customer text, given the conversation so far (oldest first). */
export function judgeReplyRate(history: TimedMessage[], now: Date): ThrottleVerdict {
  const aiReplies = history.filter((m) => m.author === "ai");
  const since = (ms: number) => aiReplies.filter((m) => now.getTime() - m.at.getTime() <= ms).length;
  if (since(60_000) >= THROTTLE_LIMITS.perMinute || since(600_000) >= THROTTLE_LIMITS.perTenMinutes) {
    return { quiet: true, reason: "flood", explanation: `the AI already answered ${since(600_000)} texts in the last 10 minutes` };
  }

  const customer = history.filter((m) => m.author === "customer");
  const last = customer.slice(-THROTTLE_LIMITS.repeats).map((m) => normalise(m.body));
  if (last.length === THROTTLE_LIMITS.repeats && last[0] !== "" && last.every((b) => b === last[0])) {
    return { quiet: true, reason: "loop", explanation: `the customer's number sent the same text ${THROTTLE_LIMITS.repeats} times in a row` };
  }
  // One answer to an auto-responder is polite; a second starts a ping-pong between two robots.
  const autoReplies = customer.filter((m) => AUTO_REPLY.test(m.body));
  if (autoReplies.length >= 2 && AUTO_REPLY.test(customer.at(-1)?.body ?? "")) {
    return { quiet: true, reason: "loop", explanation: "the customer's number looks like an automatic responder" };
  }
  return { quiet: false };
}
