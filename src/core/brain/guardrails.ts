import { fitSms } from "../compliance/sms-segments.js";
import { chooseLanguage } from "../language/detect-language.js";
import { DEPARTMENTS, type Brain, type BrainDecision, type BrainInput, type HandoffReason } from "../ports/brain.js";
import { silentLogger, type Logger } from "../ports/logger.js";
import { checkReply } from "./check-reply.js";
import { detectHumanRequest } from "./detect-human-request.js";
import { detectInjection } from "./detect-injection.js";
import { guessDepartment } from "./guess-department.js";
import { causeOf, ModelFailure, type ModelFailureCause } from "./model-failure.js";
import type { ModelHealth } from "./model-health.js";
import { promisesPerson } from "./promises-person.js";
import { findUngrounded } from "./reply-check/check-grounding.js";
import { writeSafeReply } from "./safe-replies.js";

export { checkReply, type ReplyCheck, type ReplyViolation } from "./check-reply.js";
export { detectHumanRequest, type HumanRequest } from "./detect-human-request.js";
export { detectInjection, type InjectionFinding } from "./detect-injection.js";
export { isOptOut } from "../compliance/opt-out.js";

export interface GuardOptions {
  /**
   * Baton's own judgment (the local brain). It reads every text whatever brain is configured:
   * when it says a person is needed, a person is called, whatever the inner brain says, and it
   * answers when the inner brain cannot. Absent, or the inner brain itself: one brain, no floor.
   */
  floor?: Brain;
  /** Longest wait on the inner brain; a backstop, the adapter keeps its own budget. @default 12000 */
  timeoutMs?: number;
  /** Longest reply, in SMS segments. @default 2 */
  maxSegments?: number;
  /** Counts the inner brain's answers and failures, and holds the circuit breaker. */
  health?: ModelHealth;
  /** Every fallback is logged with its cause (never the customer's words). */
  logger?: Logger;
}

class BrainTimeout extends ModelFailure {
  constructor(ms: number) {
    super("timeout", { backstopMs: ms });
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BrainTimeout(ms)), ms);
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
    (decision.reply.trim().length > 0 || decision.revokesConsent === true)
  );
}

/** The brain's decision, or why there is none. */
async function ask(
  brain: Brain,
  input: BrainInput,
  ms: number,
): Promise<{ decision: BrainDecision } | { failure: ModelFailure }> {
  try {
    const decision = await withTimeout(brain.decide(input), ms);
    return isUsable(decision)
      ? { decision }
      : { failure: new ModelFailure("invalid_output", { why: "unusable decision" }) };
  } catch (error) {
    const { cause, detail } = causeOf(error);
    return { failure: error instanceof ModelFailure ? error : new ModelFailure(cause, detail) };
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
    reply: writeSafeReply(reason, {
      handoffPending: input.handoffPending,
      language,
      knowledge: input.knowledge,
      department,
      now: input.now,
    }),
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
  const context = {
    handoffPending: input.handoffPending,
    language,
    knowledge: input.knowledge,
    department: decision.department,
    now: input.now,
  };
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

/** Why a reply may not be sent, for the card: each rule it broke and what it said. */
function heldBack(decision: BrainDecision, input: BrainInput): string | undefined {
  const check = checkReply(decision.reply, {
    text: input.text,
    knowledge: input.knowledge,
    lead: input.lead,
    language: decision.language ?? chooseLanguage(input.text, input.language),
  });
  if (check.ok) return undefined;
  return `The AI's reply was held back, not sent: ${check.violations.map((v) => `${v.rule} ("${v.matched}")`).join("; ")}`;
}

/** The last checks on any reply that goes out: two segments at most, and a promised person is a called one. */
function finish(decision: BrainDecision, input: BrainInput, maxSegments: number): BrainDecision {
  const reply = fitSms(decision.reply.trim(), maxSegments);
  if (decision.disposition !== "handoff" && !input.handoffPending && promisesPerson(reply)) {
    return {
      ...decision,
      reply,
      disposition: "handoff",
      handoffReason: "follow_through",
      reason: `The reply tells the customer a person will follow up: "${reply}"`,
    };
  }
  return { ...decision, reply };
}

/**
 * Wraps any brain in rules decided by code, not by prompt.
 * - An ask for a person skips every brain.
 * - Baton's own judgment (the floor) reads every text: its handoffs stand whatever the model says;
 *   the model may add handoffs, never remove them; a model that says the customer revokes consent is followed.
 * - A model that fails, times out, or whose breaker is open is replaced by the floor's answer, once,
 *   and the cause is logged and counted. With no floor, a person is called.
 * - Every reply is checked (check-reply.ts); one that breaks a rule is replaced by a safe
 *   handoff whose reason names the rule, and counts against the model.
 * - A model reply that breaks no rule still goes out only if Baton can vouch for it word by word
 *   (check-grounding.ts); otherwise the floor's answer goes, counted as "unverified".
 * - Every reply fits two SMS segments, and a reply that promises a person raises the handoff.
 */
export function guardBrain(inner: Brain, options: GuardOptions = {}): Brain {
  const { timeoutMs = 12_000, maxSegments = 2, health, logger = silentLogger } = options;
  const floor = options.floor && options.floor !== inner ? options.floor : undefined;

  function fellBack(cause: ModelFailureCause, detail: Record<string, unknown>): void {
    health?.failed(cause);
    logger.warn(
      { brain: inner.name, cause, ...detail, breaker: health?.report().breaker },
      `${inner.name} gave no usable answer (${cause}); Baton's own brain answers`,
    );
  }

  async function decideAlone(input: BrainInput): Promise<BrainDecision> {
    const answer = await ask(inner, input, timeoutMs);
    if ("failure" in answer) return decideByCode(input, "brain_failure", "The assistant could not answer", 0);
    const why = heldBack(answer.decision, input);
    return why ? overrule(answer.decision, input, why) : finish(answer.decision, input, maxSegments);
  }

  async function decideWithFloor(input: BrainInput, floorBrain: Brain): Promise<BrainDecision> {
    // Baton's own reading first: it is fast (milliseconds), and it answers if the model cannot.
    const own = await ask(floorBrain, input, timeoutMs);
    if ("failure" in own) return decideByCode(input, "brain_failure", "The assistant could not answer", 0);
    const ours = own.decision;
    const ourAnswer = () => {
      const why = heldBack(ours, input);
      return why ? overrule(ours, input, why) : finish(ours, input, maxSegments);
    };

    if (health && !health.mayAsk()) return { ...ourAnswer(), source: `${ours.source}:${inner.name}-paused` };
    const theirs = await ask(inner, input, timeoutMs);
    if ("failure" in theirs) {
      fellBack(theirs.failure.kind, theirs.failure.detail);
      return { ...ourAnswer(), source: `${inner.name}-failed:${theirs.failure.kind}→${ours.source}` };
    }
    const model = theirs.decision;
    // The model hears a withdrawal of consent our rules missed: nothing is sent, a person decides.
    if (model.revokesConsent) {
      health?.succeeded();
      return { ...model, reply: "", revokesConsent: true };
    }
    const why = heldBack(model, input);
    // Beyond the rules: a reply Baton can vouch for word by word, or Baton's own answer.
    const doubts = why ? [] : findUngrounded(model.reply, input);
    if (why) fellBack("failed_verification", { rules: why.slice(0, 300) });
    else if (doubts.length) health?.unverified();
    else health?.succeeded();
    if (ours.disposition === "handoff" && model.disposition !== "handoff") {
      // Code decides the minimum: our handoff stands, with our own reply; what the model understood is kept.
      const handoff = ourAnswer();
      return {
        ...handoff,
        lead: { ...ours.lead, ...model.lead },
        summary: model.summary || ours.summary,
        reason: `${handoff.reason} (Baton's own check; the model would have answered)`,
        source: `${model.source}+floor`,
      };
    }
    if (why) return overrule(model, input, why);
    if (doubts.length) {
      logger.debug(
        { brain: inner.name, doubts: doubts.map((d) => d.kind) },
        "model reply not verifiable; Baton's own answer goes instead",
      );
      const language = model.language ?? chooseLanguage(input.text, input.language);
      const unverified = `${model.source}-unverified→${ours.source}`;
      if (model.disposition === "handoff") {
        // The model's handoff stands; its wording does not.
        const context = {
          handoffPending: input.handoffPending,
          language,
          knowledge: input.knowledge,
          department: model.department,
          now: input.now,
        };
        return finish(
          { ...model, reply: writeSafeReply(model.handoffReason ?? "cannot_answer", context), source: unverified },
          input,
          maxSegments,
        );
      }
      return {
        ...ourAnswer(),
        lead: { ...ours.lead, ...model.lead },
        summary: model.summary || ours.summary,
        source: unverified,
      };
    }
    return finish(model, input, maxSegments);
  }

  return {
    name: inner.name,
    async decide(input: BrainInput): Promise<BrainDecision> {
      const human = detectHumanRequest(input.text);
      if (human)
        return decideByCode(
          input,
          "asked_for_person",
          `Asked for a person ("${human.matched}")`,
          human.kind === "bot_check" ? 0.4 : 0.2,
        );
      const decision = floor ? await decideWithFloor(input, floor) : await decideAlone(input);
      if (decision.revokesConsent) return decision;
      const injection = detectInjection(input.text);
      if (injection && decision.handoffReason !== "guardrail")
        return overrule(decision, input, `Text tries to steer the assistant (${injection.kinds.join(", ")})`);
      return decision;
    },
  };
}
