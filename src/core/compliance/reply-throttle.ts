/**
 * Flood and loop protection. Another auto-responder texting back and forth, or one number
 * sending fifty texts in a minute, must not make Baton answer fifty times; a person asking four
 * questions in a minute must still get answers. So the rules look at the customer's side, at
 * what only a machine does: more texts than anyone types, texts faster than anyone types, the
 * same text again and again, an auto-reply. Pure: the caller passes the recent messages.
 */
export interface TimedMessage {
  author: "customer" | "ai" | "rep" | "system";
  body: string;
  at: Date;
}

export type ThrottleVerdict = { quiet: false } | { quiet: true; reason: "flood" | "loop"; explanation: string };

export const THROTTLE_LIMITS = {
  /** Customer texts in the last minute. A person firing off questions sends a handful; a script, dozens. */
  textsPerMinute: 10,
  /** …and in the last ten minutes: one every 15 seconds, sustained, is nobody typing. */
  textsPerTenMinutes: 40,
  /**
   * Texts answered one by one (coalescing off, or a sender just slower than the window): the AI
   * already answered this many times in the last minute…
   */
  paceAnswers: 3,
  /** …and the customer's last this-many texts… */
  paceTexts: 4,
  /** …came within this long of each other: nobody types four texts in four seconds, over and over. */
  paceWindowMs: 4_000,
  /** AI answers in ten minutes, past which a thread is a robot's: a person reads and types between turns. */
  answersPerTenMinutes: 20,
  /** The same customer text in this many turns in a row, each answered, is a loop. */
  repeats: 3,
} as const;

/** How far back the rules look: what the caller must pass at least. */
export const THROTTLE_LOOKBACK_MS = 600_000;

const AUTO_REPLY =
  /\b(auto(?:matic|mated)?[- ]?(?:reply|response|responder|message)|out of (?:the )?office|do not reply|this (?:number|line|inbox) (?:is|does) not (?:monitored|accept)|message (?:was )?not delivered|i'?m (?:driving|busy) right now|sent from my .* autoreply)\b/i;

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * Whether the AI should answer the customer's newest texts (one turn), given the conversation
 * so far (oldest first, the turn's texts last). `since`: when a person handed the conversation
 * back to the AI; what came before it was their call and no longer counts.
 */
export function judgeReplyRate(history: TimedMessage[], now: Date, options: { since?: Date } = {}): ThrottleVerdict {
  const since = options.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const recent = history.filter((m) => m.at.getTime() >= since);
  const within = (ms: number, messages: TimedMessage[]) =>
    messages.filter((m) => now.getTime() - m.at.getTime() <= ms).length;
  const customer = recent.filter((m) => m.author === "customer");
  const answers = recent.filter((m) => m.author === "ai");
  const flood = (explanation: string): ThrottleVerdict => ({ quiet: true, reason: "flood", explanation });

  const lastMinute = within(60_000, customer);
  if (lastMinute >= THROTTLE_LIMITS.textsPerMinute) return flood(`it sent ${lastMinute} texts in the last minute`);
  const lastTen = within(THROTTLE_LOOKBACK_MS, customer);
  if (lastTen >= THROTTLE_LIMITS.textsPerTenMinutes) return flood(`it sent ${lastTen} texts in the last 10 minutes`);
  const paced = customer.slice(-THROTTLE_LIMITS.paceTexts);
  const machinePace =
    paced.length === THROTTLE_LIMITS.paceTexts &&
    paced.at(-1)!.at.getTime() - paced[0]!.at.getTime() <= THROTTLE_LIMITS.paceWindowMs;
  if (machinePace && within(60_000, answers) >= THROTTLE_LIMITS.paceAnswers) {
    return flood(
      `texts arrive faster than a person types, and the AI already answered ${within(60_000, answers)} of them in the last minute`,
    );
  }
  const answeredTen = within(THROTTLE_LOOKBACK_MS, answers);
  if (answeredTen >= THROTTLE_LIMITS.answersPerTenMinutes)
    return flood(`the AI already answered ${answeredTen} texts in the last 10 minutes`);

  const turns = customerTurns(recent).slice(-THROTTLE_LIMITS.repeats).map(sameText);
  if (turns.length === THROTTLE_LIMITS.repeats && turns[0] && turns.every((t) => t === turns[0])) {
    return {
      quiet: true,
      reason: "loop",
      explanation: `the customer's number sent the same text ${THROTTLE_LIMITS.repeats} times in a row`,
    };
  }
  // One answer to an auto-responder is polite; a second starts a ping-pong between two robots.
  const autoReplies = customer.filter((m) => AUTO_REPLY.test(m.body));
  if (autoReplies.length >= 2 && AUTO_REPLY.test(customer.at(-1)?.body ?? "")) {
    return { quiet: true, reason: "loop", explanation: "the customer's number looks like an automatic responder" };
  }
  return { quiet: false };
}

/** The customer's texts in turns: the texts between two messages from our side. */
function customerTurns(history: TimedMessage[]): TimedMessage[][] {
  const turns: TimedMessage[][] = [];
  let current: TimedMessage[] = [];
  for (const m of history) {
    if (m.author === "customer") current.push(m);
    else if (current.length) (turns.push(current), (current = []));
  }
  if (current.length) turns.push(current);
  return turns;
}

/** The one text a turn repeats ("hello?" twice in a burst is still one text), else "". */
function sameText(turn: TimedMessage[]): string {
  const bodies = new Set(turn.map((m) => normalise(m.body)));
  return bodies.size === 1 ? [...bodies][0]! : "";
}
