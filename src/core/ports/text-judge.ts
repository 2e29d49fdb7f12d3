import type { Department } from "./brain.js";

/** What a trained model reads in one customer text: probabilities, 0…1. */
export interface TextJudgement {
  /** Which department the text is for; sums to 1. */
  departments: Record<Department, number>;
  /** That a person must take the conversation (money, trade-in, complaint, an ask for a person…). */
  needsPerson: number;
  /** That the customer withdraws consent to be texted, in any words. */
  revokes: number;
}

/**
 * A learned reader of customer texts, beside the hand-written rules: the rules are the
 * high-precision overrides, the judge carries the long tail of phrasings nobody listed.
 */
export interface TextJudge {
  judge(text: string): TextJudgement;
}
