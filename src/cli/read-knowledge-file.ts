import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KnowledgeSchema, type Knowledge } from "../core/knowledge/knowledge.js";

/** The sample store the CLI tools use when no knowledge file is given. */
export const SAMPLE_KNOWLEDGE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../config/samples/knowledge.sample.json",
);

/** Reads and checks a knowledge file; the error names the file and the first problem. */
export function readKnowledgeFile(path: string): Knowledge {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`knowledge file ${path}: ${(error as Error).message}`);
  }
  const parsed = KnowledgeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`knowledge file ${path}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data;
}

/** `--knowledge path`, else KNOWLEDGE_FILE, else the sample. */
export function pickKnowledgePath(args: string[], env: NodeJS.ProcessEnv): string {
  const at = args.indexOf("--knowledge");
  if (at >= 0 && args[at + 1]) return resolve(args[at + 1]!);
  return env.KNOWLEDGE_FILE ? resolve(env.KNOWLEDGE_FILE) : SAMPLE_KNOWLEDGE;
}
