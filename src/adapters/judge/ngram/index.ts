import { fileURLToPath } from "node:url";
import type { TextJudge } from "../../../core/ports/text-judge.js";
import { readModelFile } from "./model-file.js";
import { NgramJudge } from "./ngram-judge.js";

/** The model `npm run train` writes, shipped beside this file (the build copies it). */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL("./model.json", import.meta.url));

const loaded = new Map<string, TextJudge>();

/** The judge from a model file, read once per process and path. */
export function loadNgramJudge(path = DEFAULT_MODEL_PATH): TextJudge {
  let judge = loaded.get(path);
  if (!judge) {
    judge = new NgramJudge(readModelFile(path));
    loaded.set(path, judge);
  }
  return judge;
}
