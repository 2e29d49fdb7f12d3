import { fitSms } from "../compliance/sms-segments.js";
import { DEPARTMENTS, type Brain, type BrainDecision, type BrainInput, type HandoffReason } from "../ports/brain.js";
import { checkReply } from "./check-reply.js";
import { detectHumanRequest } from "./detect-human-request.js";
import { detectInjection } from "./detect-injection.js";
import { guessDepartment } from "./guess-department.js";
import { promisesPerson } from "./promises-person.js";
import { writeSafeReply } from "./safe-replies.js";
import { chooseLanguage } from "../language/detect-language.js";

export { checkReply, type ReplyCheck, type ReplyViolation } from "./check-reply.js";
export { detectHumanRequest, type HumanRequest } from "./detect-human-request.js";
export { detectInjection, type InjectionFinding } from "./detect-injection.js";
export { isOptOut } from "../compliance/opt-out.js";

export interface GuardOptions {
  /** Answers when the inner brain throws, times out or returns something unusable. */
  fallback?: Brain;
  /** How long the inner brain may take. @default 12000 */
  timeoutMs?: number;
  /** Longest reply, in SMS segments. @default 2 */
  maxSegments?: number;
}

class BrainTimeout extends Error {}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BrainTimeout(`brain took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function isUsable(decision: BrainDecision | undefined): decision is BrainDecision {
  return (
    !!decision &&
    DEPARTMENTS.includes(decision.department) &&
    ["answer", "follow_up", "handoff"].includes(decision.disposition) &&
    typeof decision.reply === "string" &&
    decision.reply.trim().length > 0
  );
}

async function tryBrain(brain: Brain, input: BrainInput, ms: number): Promise<BrainDecision | undefined> {
  try {
    const decision = await withTimeout(brain.decide(input), ms);
    return isUsable(decision) ? decision : undefined;
  } catch {
    return undefined;
  }
}

/** A decision code makes on its own: a person takes over, with a reply that commits to nothing. */
function decideByCode(input: BrainInput, reason: HandoffReason, why: string, frustration: number): BrainDecision {
  const quote = input.text.length > 120 ? `${input.text.slice(0, 117)}...` : input.text;
  const department = guessDepartment(input.text);
  const language = chooseLanguage(input.text, input.language);
  return {
    department,
    intent: reason === "asked_for_person" ? "asked_for_person" : "unknown",
    disposition: input.handoffPending ? "follow_up" : "handoff",
    handoffReason: reason,
    reason: why,
    reply: writeSafeReply(reason, { handoffPending: input.handoffPending, language, knowledge: input.knowledge, department, now: input.now }),
    lead: {},
    frustration,
    summary: `${why}. Customer wrote: "${quote}"`,
    source: "guardrail",
    language,
  };
}

/** Keeps what the brain understood (department, lead, summary) but not what it would have said. */
function overrule(decision: BrainDecision, input: BrainInput, why: string): BrainDecision {
  const language = decision.language ?? chooseLanguage(input.text, input.language);
  const context = { handoffPending: input.handoffPending, language, knowledge: input.knowledge, department: decision.department, now: input.now };
  return {
    ...decision,
    disposition: input.handoffPending ? "follow_up" : "handoff",
    handoffReason: "guardrail",
    reason: why,
    reply: writeSafeReply("guardrail", context),
    source: `${decision.source}+guardrail`,
    language,
  };
}

/**
 * Wraps any brain in rules decided by code, not by prompt: an ask for a person skips the
 * brain; a failing brain falls back, and failing that a person is called (the customer always
 * gets a reply); a reply that commits, promises, poses as a person or obeys injected text is
 * replaced; a reply that promises a person raises the handoff; every reply fits in two SMS segments.
 */
export function guardBrain(inner: Brain, options: GuardOptions = {}): Brain {
  const { fallback, timeoutMs = 12_000, maxSegments = 2 } = options;
  return {
    name: inner.name,
    async decide(input: BrainInput): Promise<BrainDecision> {
      const human = detectHumanRequest(input.text);
      if (human) return decideByCode(input, "asked_for_person", `Asked for a person ("${human.matched}")`, human.kind === "bot_check" ? 0.4 : 0.2);

      let decision = await tryBrain(inner, input, timeoutMs);
      if (!decision && fallback) {
        const backup = await tryBrain(fallback, input, timeoutMs);
        if (backup) decision = { ...backup, source: `${inner.name}-failed>${backup.source}` };
      }
      if (!decision) return decideByCode(input, "brain_failure", "The assistant could not answer", 0);

      const injection = detectInjection(input.text);
      if (injection) return overrule(decision, input, `Text tries to steer the assistant (${injection.kinds.join(", ")})`);
      const check = checkReply(decision.reply, input);
      if (!check.ok) {
        const what = check.violations.map((v) => `${v.rule}: "${v.matched}"`).join("; ");
        return overrule(decision, input, `Reply held back (${what})`);
      }
      const reply = fitSms(decision.reply.trim(), maxSegments);
      // No reply may promise a person unless a person is told: the promise becomes a handoff.
      if (decision.disposition !== "handoff" && !input.handoffPending && promisesPerson(reply)) {
        return { ...decision, reply, disposition: "handoff", handoffReason: "follow_through", reason: `The reply tells the customer a person will follow up: "${reply}"` };
      }
      return { ...decision, reply };
    },
  };
}
