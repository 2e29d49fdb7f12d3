import { DEPARTMENTS, type Department } from "../../../core/ports/brain.js";
import type { TextJudge, TextJudgement } from "../../../core/ports/text-judge.js";
import { toFeatures } from "./features.js";
import { distribution, probability } from "./linear-model.js";
import type { JudgeModel } from "./model-file.js";

/** A trained n-gram logistic-regression judge: pure arithmetic, a few microseconds a text. */
export class NgramJudge implements TextJudge {
  constructor(private readonly model: JudgeModel) {}

  judge(text: string): TextJudgement {
    const x = toFeatures(text);
    const spread = distribution(this.model.department, x);
    const departments = Object.fromEntries(DEPARTMENTS.map((d, i) => [d, spread[i]!])) as Record<Department, number>;
    return {
      departments,
      needsPerson: probability(this.model.needsPerson, x),
      revokes: probability(this.model.revokes, x),
    };
  }
}
