import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readJsonl, TriageRowSchema, type TriageRow } from "./eval/read-eval-data.js";

/** Every `*.jsonl` file of a folder, in name order, as labelled texts (the eval files' shape). */
export function readLabelledTexts(dir: string): { rows: TriageRow[]; files: string[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort();
  const rows = files.flatMap((f) => readJsonl(join(dir, f), TriageRowSchema));
  return { rows, files };
}
