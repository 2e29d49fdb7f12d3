import { loadDotEnv } from "../config/load-dotenv.js";
import { createInterface } from "node:readline";
import { pickKnowledgePath, readKnowledgeFile } from "./read-knowledge-file.js";
import { selectBrain } from "./select-brain.js";
import { triageText } from "./triage-text.js";

/**
 * `npm run triage`: reads JSON lines {"text": "..."} on stdin and writes one JSON line per
 * input, in order. Options: --knowledge <file> (else KNOWLEDGE_FILE, else the sample),
 * --now <ISO time> to replay a conversation at a fixed moment.
 */
async function main(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const knowledge = readKnowledgeFile(pickKnowledgePath(args, env));
  const nowAt = args.indexOf("--now");
  const fixedNow = nowAt >= 0 && args[nowAt + 1] ? new Date(args[nowAt + 1]!) : undefined;
  if (fixedNow && Number.isNaN(fixedNow.getTime()))
    throw new Error(`--now: expected an ISO time like 2025-06-11T15:00:00Z, got ${args[nowAt + 1]}`);

  const brain = await selectBrain(env);

  let lineNumber = 0;
  for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (!raw.trim()) continue;
    let text: unknown;
    try {
      text = (JSON.parse(raw) as { text?: unknown })?.text;
    } catch (error) {
      process.stderr.write(`line ${lineNumber}: not valid JSON (${(error as Error).message})\n`);
      continue;
    }
    if (typeof text !== "string") {
      process.stderr.write(`line ${lineNumber}: expected an object with a "text" string\n`);
      continue;
    }
    const { line } = await triageText(brain, knowledge, text, fixedNow ?? new Date());
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return 0;
}

loadDotEnv(); // the same settings the live service reads
main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`triage: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
