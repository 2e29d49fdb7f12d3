import { loadDotEnv } from "../config/load-dotenv.js";
import { resolve } from "node:path";
import { formatReport } from "./eval/format-report.js";
import { findMissingEvalFiles, readEvalData } from "./eval/read-eval-data.js";
import { runEval } from "./eval/run-eval.js";
import { findMissedTargets } from "./eval/targets.js";
import { pickKnowledgePath, readKnowledgeFile } from "./read-knowledge-file.js";
import { selectBrain } from "./select-brain.js";

/**
 * `npm run eval`: scores the configured brain, wrapped in the guardrails as in production, on
 * the labelled data in ../shared/eval (or --data DIR, or BATON_EVAL_DIR). --verbose lists every
 * misclassified text. Exits 1 when a target is missed, 2 when the data is missing.
 */
async function main(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const at = args.indexOf("--data");
  const dir = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : (env.BATON_EVAL_DIR ?? "../shared/eval"));
  const missing = findMissingEvalFiles(dir);
  if (missing.length) {
    process.stderr.write(`eval: no evaluation data in ${dir} (missing ${missing.join(", ")}). Pass --data DIR or set BATON_EVAL_DIR.\n`);
    return 2;
  }
  const knowledge = readKnowledgeFile(pickKnowledgePath(args, env));
  const brain = await selectBrain(env);
  const report = await runEval(brain, knowledge, readEvalData(dir));
  const missed = findMissedTargets(report);
  process.stdout.write(`${formatReport(brain.name, report, args.includes("--verbose"), missed)}\n`);
  return missed.length ? 1 : 0;
}

loadDotEnv(); // the same settings the live service reads
main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`eval: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
