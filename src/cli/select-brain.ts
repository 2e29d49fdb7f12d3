import { EnvSchema } from "../config/schema.js";
import type { Brain } from "../core/ports/brain.js";
import { createBrain } from "../runtime/create-brain.js";

const OpenAiEnv = EnvSchema.pick({ OPENAI_API_KEY: true, OPENAI_BASE_URL: true, OPENAI_MODEL: true, OPENAI_TIMEOUT_MS: true });

/** Warnings go to stderr: stdout carries the JSON lines. */
const stderrLogger = {
  debug() {},
  info() {},
  warn: (obj: object, msg?: string) => process.stderr.write(`${msg ?? "warning"} ${JSON.stringify(obj)}\n`),
  error: (obj: object, msg?: string) => process.stderr.write(`${msg ?? "error"} ${JSON.stringify(obj)}\n`),
};

/**
 * The guarded brain the command-line tools use: the same one live texts get, chosen by the
 * same variables (OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL, OPENAI_TIMEOUT_MS).
 */
export async function selectBrain(env: NodeJS.ProcessEnv = process.env): Promise<Brain> {
  const parsed = OpenAiEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".")}: expected ${issue.message}`);
  }
  const e = parsed.data;
  const openai = e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, model: e.OPENAI_MODEL, baseURL: e.OPENAI_BASE_URL, timeoutMs: e.OPENAI_TIMEOUT_MS } : undefined;
  return createBrain(openai, stderrLogger);
}
