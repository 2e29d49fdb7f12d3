import { loadDotEnv } from "../config/load-dotenv.js";
import { resolve } from "node:path";
import { formatReport } from "./eval/format-report.js";
import { findMissingEvalFiles, readEvalData, readEvalFiles, type EvalData } from "./eval/read-eval-data.js";
import { runEval } from "./eval/run-eval.js";
import { findMissedTargets } from "./eval/targets.js";
import { pickKnowledgePath, readKnowledgeFile } from "./read-knowledge-file.js";
import { brainChoice, selectBrain } from "./select-brain.js";

/** The project's shared set beside the repository when it is there, else the repository's own copy. */
const defaultEvalDir = () =>
  findMissingEvalFiles(resolve("../shared/eval")).length === 0 ? "../shared/eval" : "test/fixtures/eval";

/** Options that take a value; every other argument ending in .jsonl is a file to score. */
const VALUED = new Set(["--data", "--knowledge", "--brain"]);

function filesIn(args: string[]): string[] {
  return args.filter((a, i) => a.endsWith(".jsonl") && !VALUED.has(args[i - 1] ?? "")).map((a) => resolve(a));
}

/**
 * `npm run eval`: scores the configured brain (or --brain local|openai), wrapped in the guardrails as in production, on
 * labelled data: the files named (`npm run eval -- blind.jsonl`, any mix of triage, opt-out and
 * adversarial lines), else the folder --data DIR, BATON_EVAL_DIR, ../shared/eval or test/fixtures/eval. The report
 * has figures per source and per language. --verbose lists every misclassified text. Exits 1
 * when a target is missed, 2 when the data is missing.
 */
async function main(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const files = filesIn(args);
  let data: EvalData;
  if (files.length) {
    data = readEvalFiles(files);
  } else {
    const at = args.indexOf("--data");
    const dir = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : (env.BATON_EVAL_DIR ?? defaultEvalDir()));
    const missing = findMissingEvalFiles(dir);
    if (missing.length) {
      process.stderr.write(
        `eval: no evaluation data in ${dir} (missing ${missing.join(", ")}). Name .jsonl files, pass --data DIR or set BATON_EVAL_DIR.\n`,
      );
      return 2;
    }
    data = readEvalData(dir);
  }
  const knowledge = readKnowledgeFile(pickKnowledgePath(args, env));
  const brain = await selectBrain(env, brainChoice(args));
  const report = await runEval(brain, knowledge, data);
  const missed = findMissedTargets(report);
  process.stdout.write(`${formatReport(brain.name, report, args.includes("--verbose"), missed)}\n`);
  // With a model: how many texts it answered, and which were answered by Baton alone and why.
  const health = brain.health?.report();
  if (health)
    process.stdout.write(
      `\nModel ${health.model}: ${health.answered} answered; fallbacks ${JSON.stringify(health.fallbacks)}; breaker ${health.breaker}\n`,
    );
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
