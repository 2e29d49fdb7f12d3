import { loadNgramJudge } from "../adapters/judge/ngram/index.js";
import { judgeConsent } from "../core/compliance/judge-consent.js";
import { describeOptOutConfirmation } from "../core/compliance/opt-out.js";
import type { TextJudge } from "../core/ports/text-judge.js";
import type { Knowledge } from "../core/knowledge/knowledge.js";
import type { Brain, BrainDecision, Department } from "../core/ports/brain.js";

/** One line of `npm run triage` output. */
export interface TriageLine {
  department: Department;
  intent: string;
  handoff: boolean;
  optout: boolean;
  reason: string | null;
  reply: string;
}

export interface TriageResult {
  line: TriageLine;
  /** The brain's full decision; absent when consent keywords decided alone. */
  decision?: BrainDecision;
}

/**
 * One text as the service would treat it: consent first (rules and the text judge, no brain),
 * then the guarded brain. A text that may revoke consent goes to a person with no reply.
 */
export async function triageText(
  brain: Brain,
  knowledge: Knowledge,
  text: string,
  now: Date,
  judge: TextJudge = loadNgramJudge(),
): Promise<TriageResult> {
  const consent = judgeConsent(text, judge);
  const fixed = (intent: string, reply: string, optout = false): TriageResult => ({
    line: { department: "general", intent, handoff: false, optout, reason: null, reply },
  });
  const heldForPerson: TriageLine = {
    department: "general",
    intent: "may_opt_out",
    handoff: true,
    optout: false,
    reason: "may_opt_out",
    reply: "",
  };
  if (consent.kind === "unsure") return { line: heldForPerson };
  if (consent.kind === "optout") return fixed("opt_out", describeOptOutConfirmation(knowledge.name), true);
  if (consent.kind === "optin")
    return fixed("opt_in", `You're resubscribed to ${knowledge.name} texts. Reply STOP to opt out.`);
  if (consent.kind === "help") {
    const phone = knowledge.mainPhone ? ` or call ${knowledge.mainPhone}` : "";
    return fixed(
      "help",
      `${knowledge.name}: text us here about sales, service or parts${phone}. Reply STOP to opt out.`,
    );
  }
  const decision = await brain.decide({ text, history: [], lead: {}, knowledge, now });
  // A model that hears a withdrawal of consent is followed as the service follows it: no reply, a person decides.
  if (decision.revokesConsent) return { decision, line: { ...heldForPerson, department: decision.department } };
  const handoff = decision.disposition === "handoff";
  return {
    decision,
    line: {
      department: decision.department,
      intent: decision.intent,
      handoff,
      optout: false,
      reason: handoff ? (decision.handoffReason ?? null) : null,
      reply: decision.reply,
    },
  };
}
