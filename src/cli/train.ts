import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_MODEL_PATH } from "../adapters/judge/ngram/index.js";
import { writeModelFile } from "../adapters/judge/ngram/model-file.js";
import { NgramJudge } from "../adapters/judge/ngram/ngram-judge.js";
import { trainJudge } from "../adapters/judge/ngram/train-judge.js";
import { DEPARTMENTS } from "../core/ports/brain.js";
import type { TriageRow } from "./eval/read-eval-data.js";
import { readLabelledTexts } from "./read-labelled-texts.js";

const CORPUS = fileURLToPath(new URL("../adapters/judge/ngram/corpus", import.meta.url));

/** Held-out figures within the corpus: each fold is judged by a model trained on the others. */
function crossValidate(rows: TriageRow[], folds: number): string {
  let dept = 0,
    deptN = 0,
    tp = 0,
    pos = 0,
    fp = 0,
    neg = 0,
    otp = 0,
    opos = 0,
    ofp = 0;
  for (let f = 0; f < folds; f++) {
    const judge = new NgramJudge(trainJudge(rows.filter((_, k) => k % folds !== f)));
    rows.forEach((r, k) => {
      if (k % folds !== f) return;
      const j = judge.judge(r.text);
      if (r.optout) opos += 1;
      if (j.revokes >= 0.5) r.optout ? (otp += 1) : (ofp += 1);
      if (r.optout) return;
      const best = DEPARTMENTS.reduce((a, d) => (j.departments[d] > j.departments[a] ? d : a));
      deptN += 1;
      if (best === r.department) dept += 1;
      if (r.handoff) {
        pos += 1;
        if (j.needsPerson >= 0.5) tp += 1;
      } else {
        neg += 1;
        if (j.needsPerson >= 0.5) fp += 1;
      }
    });
  }
  const f3 = (n: number) => n.toFixed(3);
  return `${folds}-fold on the corpus (the classifier alone, threshold 0.5): department ${f3(dept / deptN)}, needs-a-person recall ${f3(tp / pos)}, false ${f3(fp / neg)}, revocation recall ${f3(otp / opos)} with ${ofp} false`;
}

/**
 * `npm run train`: rebuilds the text judge's model from the labelled corpus beside it,
 * reproducibly (fixed seed, files in name order). --folds N also prints cross-validated figures.
 */
function main(args: string[]): number {
  const at = args.indexOf("--corpus");
  const dir = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : CORPUS);
  const outAt = args.indexOf("--out");
  const out = resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1]! : DEFAULT_MODEL_PATH);
  const { rows: read, files } = readLabelledTexts(dir);
  // The same text twice (even labelled alike) would count double; the first label wins.
  const seen = new Set<string>();
  const rows = read.filter((r) => {
    const key = r.text.trim().toLowerCase();
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (rows.length === 0) {
    process.stderr.write(`train: no labelled texts in ${dir}\n`);
    return 2;
  }
  const started = performance.now();
  const model = trainJudge(rows);
  const sha256 = createHash("sha256")
    .update(rows.map((r) => JSON.stringify(r)).join("\n"))
    .digest("hex");
  writeModelFile(out, model, { corpus: { rows: rows.length, sha256 } });
  process.stdout.write(
    `train: ${rows.length} texts from ${files.length} files (${read.length - rows.length} duplicates dropped) in ${((performance.now() - started) / 1000).toFixed(1)} s → ${out}\n`,
  );
  const folds = args.indexOf("--folds");
  if (folds >= 0) process.stdout.write(`${crossValidate(rows, Number(args[folds + 1] ?? 5))}\n`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
