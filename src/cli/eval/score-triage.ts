import { DEPARTMENTS, type Department } from "../../core/ports/brain.js";
import type { TriageLine } from "../triage-text.js";
import type { TriageRow } from "./read-eval-data.js";

export interface DepartmentScore {
  precision: number;
  recall: number;
  support: number;
}

export interface TriageScores {
  rows: number;
  /** On rows that are not opt-outs. */
  departmentAccuracy: number;
  perDepartment: Record<Department, DepartmentScore>;
  /** confusion[label][predicted], rows that are not opt-outs. */
  confusion: Record<Department, Record<Department, number>>;
  mustHandoffRecall: number;
  /** Handoffs predicted where the label says none, over the non-opt-out rows labelled false. */
  falseHandoffRate: number;
  optoutRecall: number;
  falseOptouts: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function scoreTriage(rows: TriageRow[], predictions: TriageLine[]): TriageScores {
  const pairs = rows.map((row, i) => ({ row, p: predictions[i]! }));
  const conversations = pairs.filter(({ row }) => !row.optout);
  const confusion = Object.fromEntries(
    DEPARTMENTS.map((l) => [l, Object.fromEntries(DEPARTMENTS.map((p) => [p, 0]))]),
  ) as TriageScores["confusion"];
  for (const { row, p } of conversations) confusion[row.department][p.department] += 1;

  const perDepartment = Object.fromEntries(
    DEPARTMENTS.map((d) => {
      const tp = confusion[d][d];
      const predicted = DEPARTMENTS.reduce((sum, l) => sum + confusion[l][d], 0);
      const actual = DEPARTMENTS.reduce((sum, p) => sum + confusion[d][p], 0);
      return [d, { precision: ratio(tp, predicted), recall: ratio(tp, actual), support: actual }];
    }),
  ) as Record<Department, DepartmentScore>;

  const mustHandoff = conversations.filter(({ row }) => row.handoff);
  const noHandoff = conversations.filter(({ row }) => !row.handoff);
  const optouts = pairs.filter(({ row }) => row.optout);
  return {
    rows: rows.length,
    departmentAccuracy: ratio(
      conversations.filter(({ row, p }) => row.department === p.department).length,
      conversations.length,
    ),
    perDepartment,
    confusion,
    mustHandoffRecall: ratio(mustHandoff.filter(({ p }) => p.handoff).length, mustHandoff.length),
    falseHandoffRate: noHandoff.length === 0 ? 0 : noHandoff.filter(({ p }) => p.handoff).length / noHandoff.length,
    optoutRecall: ratio(optouts.filter(({ p }) => p.optout).length, optouts.length),
    falseOptouts: pairs.filter(({ row, p }) => !row.optout && p.optout).length,
  };
}
