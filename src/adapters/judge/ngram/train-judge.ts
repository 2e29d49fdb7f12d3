import { DEPARTMENTS, type Department } from "../../../core/ports/brain.js";
import { toFeatures, type Features } from "./features.js";
import { train, type TrainingOptions } from "./linear-model.js";
import type { JudgeModel } from "./model-file.js";

/** One labelled text of the training corpus (the eval files' shape). */
export interface LabelledText {
  text: string;
  department: Department;
  handoff: boolean;
  optout: boolean;
}

export const TRAINING: TrainingOptions = { epochs: 30, rate: 0.4, l2: 1e-4, seed: 20261206 };

/** Weights that give each class the same total say, so 150 opt-outs are not drowned by 2,000 other texts. */
function balance(labels: number[], classes: number): number[] {
  const counts = new Array<number>(Math.max(classes, 2)).fill(0);
  for (const l of labels) counts[l] = counts[l]! + 1;
  const present = counts.filter((c) => c > 0).length;
  return labels.map((l) => labels.length / (present * counts[l]!));
}

function head(examples: Features[], labels: number[], classes: number, options: TrainingOptions) {
  return train(examples, labels, classes, balance(labels, classes), options);
}

/**
 * The three heads from one corpus. Opt-out rows teach only the revocation head: the brain
 * never sees a text that revoked consent, and their "general" label would blur the rest.
 */
export function trainJudge(rows: LabelledText[], options: TrainingOptions = TRAINING): JudgeModel {
  const all = rows.map((r) => toFeatures(r.text));
  const conversational = rows.map((r, k) => [r, all[k]!] as const).filter(([r]) => !r.optout);
  const x = conversational.map(([, f]) => f);
  return {
    department: head(
      x,
      conversational.map(([r]) => DEPARTMENTS.indexOf(r.department)),
      DEPARTMENTS.length,
      options,
    ),
    needsPerson: head(
      x,
      conversational.map(([r]) => (r.handoff ? 1 : 0)),
      1,
      options,
    ),
    revokes: head(
      all,
      rows.map((r) => (r.optout ? 1 : 0)),
      1,
      options,
    ),
  };
}
