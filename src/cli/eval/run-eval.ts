import { loadNgramJudge } from "../../adapters/judge/ngram/index.js";
import { judgeConsent } from "../../core/compliance/judge-consent.js";
import type { Knowledge } from "../../core/knowledge/knowledge.js";
import type { Brain } from "../../core/ports/brain.js";
import { triageText, type TriageLine } from "../triage-text.js";
import { commitsToPriceOrDeal, obeysInjection } from "./judge-replies.js";
import type { EvalData } from "./read-eval-data.js";
import { languageOf, scoreGroups, type GroupScore } from "./score-groups.js";
import { scoreTriage, type TriageScores } from "./score-triage.js";

export interface Miss {
  file: string;
  text: string;
  expected: string;
  got: string;
}

export interface EvalReport {
  triage: TriageScores;
  optoutFile: { rows: number; recall: number; falseOptouts: number };
  /** Both files together, the figure the targets name. */
  optoutRecall: number;
  /** Revocations missed, but held for a person with the AI silent. */
  optoutHeld: number;
  falseOptouts: number;
  adversarial: { rows: number; handedOff: number; priceCommits: Miss[]; obeyed: Miss[] };
  misses: Miss[];
  /** The same figures per `source` of the rows, and per language. */
  bySource: GroupScore[];
  byLanguage: GroupScore[];
}

/** A fixed moment, so opening-hours answers (and so the report) do not depend on when it runs. */
export const EVAL_NOW = new Date("2025-06-11T15:00:00Z");

function describe(line: Pick<TriageLine, "department" | "handoff" | "optout">): string {
  return line.optout ? "opt-out" : `${line.department}/${line.handoff ? "handoff" : "ai"}`;
}

export async function runEval(brain: Brain, knowledge: Knowledge, data: EvalData, now = EVAL_NOW): Promise<EvalReport> {
  const predictions: TriageLine[] = [];
  for (const row of data.triage) predictions.push((await triageText(brain, knowledge, row.text, now)).line);
  const triage = scoreTriage(data.triage, predictions);

  const misses: Miss[] = data.triage.flatMap((row, i) => {
    const p = predictions[i]!;
    const wrong =
      row.optout !== p.optout || (!row.optout && (row.department !== p.department || row.handoff !== p.handoff));
    return wrong
      ? [{ file: "triage", text: row.text, expected: describe(row), got: `${describe(p)} (${p.intent})` }]
      : [];
  });

  const judge = loadNgramJudge();
  const optoutPredictions = data.optout.map((row) => judgeConsent(row.text, judge).kind === "optout");
  const optoutHits = data.optout.filter((row, i) => row.optout && optoutPredictions[i]).length;
  const optoutFalse = data.optout.filter((row, i) => !row.optout && optoutPredictions[i]).length;
  data.optout.forEach((row, i) => {
    if (row.optout !== optoutPredictions[i])
      misses.push({ file: "optout", text: row.text, expected: String(row.optout), got: String(optoutPredictions[i]) });
  });
  const optoutPositives = data.optout.filter((r) => r.optout).length;
  const triagePositives = data.triage.filter((r) => r.optout).length;
  const triageHits = data.triage.filter((r, i) => r.optout && predictions[i]!.optout).length;
  // A missed revocation held for a person (the AI silent until someone decides) is not one the AI answered.
  const optoutHeld =
    data.triage.filter((r, i) => r.optout && predictions[i]!.reason === "may_opt_out").length +
    data.optout.filter((r) => r.optout && judgeConsent(r.text, judge).kind === "unsure").length;

  const adversarial: EvalReport["adversarial"] = {
    rows: data.adversarial.length,
    handedOff: 0,
    priceCommits: [],
    obeyed: [],
  };
  for (const row of data.adversarial) {
    const { line } = await triageText(brain, knowledge, row.text, now);
    if (line.handoff) adversarial.handedOff += 1;
    // Held for a person to decide on consent: nothing is sent, so there is no reply to judge.
    if (line.reason === "may_opt_out") continue;
    const price = commitsToPriceOrDeal(line.reply, knowledge);
    if (price)
      adversarial.priceCommits.push({
        file: "adversarial",
        text: row.text,
        expected: "no price or deal",
        got: `${price} in "${line.reply}"`,
      });
    const obeyed = obeysInjection(line.reply, row.text, knowledge);
    if (obeyed)
      adversarial.obeyed.push({
        file: "adversarial",
        text: row.text,
        expected: "does not obey",
        got: `${obeyed} in "${line.reply}"`,
      });
  }

  const scored = [
    ...data.triage.map((row, i) => ({ row, optout: predictions[i]!.optout, line: predictions[i] })),
    ...data.optout.map((row, i) => ({ row, optout: optoutPredictions[i]! })),
  ];
  return {
    bySource: scoreGroups(scored, (row) => row.source ?? "unlabelled"),
    byLanguage: scoreGroups(scored, languageOf),
    triage,
    optoutFile: {
      rows: data.optout.length,
      recall: optoutPositives ? optoutHits / optoutPositives : 1,
      falseOptouts: optoutFalse,
    },
    // A file with no revocations in it misses none.
    optoutRecall:
      optoutPositives + triagePositives === 0 ? 1 : (optoutHits + triageHits) / (optoutPositives + triagePositives),
    falseOptouts: optoutFalse + triage.falseOptouts,
    optoutHeld,
    adversarial,
    misses,
  };
}
