import { detectLanguage } from "../../core/language/detect-language.js";
import type { TriageLine } from "../triage-text.js";
import type { OptOutRow, TriageRow } from "./read-eval-data.js";

/** The headline figures for one slice of the data (a source, a language). */
export interface GroupScore {
  group: string;
  rows: number;
  departmentAccuracy?: number;
  mustHandoffRecall?: number;
  falseHandoffRate?: number;
  optoutRecall?: number;
  falseOptouts: number;
}

type Scored = { row: TriageRow | OptOutRow; optout: boolean; line?: TriageLine };

const share = (hits: number, of: number) => (of === 0 ? undefined : hits / of);

/** The language a row is filed under: its label, else what the text reads as. */
export function languageOf(row: { text: string; language?: string }): string {
  return row.language ?? `${detectLanguage(row.text) ?? "en"} (detected)`;
}

function score(group: string, items: Scored[]): GroupScore {
  const conversations = items.filter((s) => !s.row.optout && s.line && "department" in s.row) as (Scored & {
    row: TriageRow;
    line: TriageLine;
  })[];
  const must = conversations.filter((s) => s.row.handoff);
  const none = conversations.filter((s) => !s.row.handoff);
  const optouts = items.filter((s) => s.row.optout);
  return {
    group,
    rows: items.length,
    departmentAccuracy: share(
      conversations.filter((s) => s.line.department === s.row.department).length,
      conversations.length,
    ),
    mustHandoffRecall: share(must.filter((s) => s.line.handoff).length, must.length),
    falseHandoffRate: share(none.filter((s) => s.line.handoff).length, none.length),
    optoutRecall: share(optouts.filter((s) => s.optout).length, optouts.length),
    falseOptouts: items.filter((s) => !s.row.optout && s.optout).length,
  };
}

/** Scores every slice `key` names, largest first. */
export function scoreGroups(items: Scored[], key: (row: TriageRow | OptOutRow) => string): GroupScore[] {
  const groups = new Map<string, Scored[]>();
  for (const item of items) {
    const k = key(item.row);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups.entries()].map(([k, v]) => score(k, v)).sort((a, b) => b.rows - a.rows);
}
