import type { Brain } from "../../../core/ports/brain.js";
import type { TextJudge } from "../../../core/ports/text-judge.js";
import { loadNgramJudge } from "../../judge/ngram/index.js";
import { LocalBrain } from "./local-brain.js";

/** The offline brain: rules, the store's knowledge and the trained text judge; no network, no keys. */
export function createLocalBrain(judge: TextJudge = loadNgramJudge()): Brain {
  return new LocalBrain(judge);
}
