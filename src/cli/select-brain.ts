import { EnvSchema, normaliseEnvironment } from "../config/schema.js";
import { createBrain, type GuardedBrain } from "../runtime/create-brain.js";

const OpenAiEnv = EnvSchema.pick({
  OPENAI_API_KEY: true,
  OPENAI_BASE_URL: true,
  OPENAI_MODEL: true,
  OPENAI_TIMEOUT_MS: true,
  OPENAI_BREAKER_FAILURES: true,
  OPENAI_BREAKER_COOLDOWN_MS: true,
});

/** Which brain a command scores: as configured (OpenAI when OPENAI_API_KEY is set), or one named. */
export type BrainChoice = "configured" | "local" | "openai";

/** `--brain local|openai` from a command line; "configured" when absent. */
export function brainChoice(args: string[]): BrainChoice {
  const at = args.indexOf("--brain");
  if (at < 0) return "configured";
  const value = args[at + 1];
  if (value === "local" || value === "openai") return value;
  throw new Error(`--brain: expected local or openai, got ${value ?? "nothing"}`);
}

/** Warnings go to stderr: stdout carries the JSON lines. */
const stderrLogger = {
  debug() {},
  info() {},
  warn: (obj: object, msg?: string) => process.stderr.write(`${msg ?? "warning"} ${JSON.stringify(obj)}\n`),
  error: (obj: object, msg?: string) => process.stderr.write(`${msg ?? "error"} ${JSON.stringify(obj)}\n`),
};

/**
 * The guarded brain the command-line tools use: the same one live texts get, chosen by the
 * same variables (OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL, OPENAI_TIMEOUT_MS, breaker).
 * "openai" insists on the model (a clear error without a key); "local" ignores it.
 */
export async function selectBrain(
  env: NodeJS.ProcessEnv = process.env,
  choice: BrainChoice = "configured",
): Promise<GuardedBrain> {
  const parsed = OpenAiEnv.safeParse(normaliseEnvironment(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".")}: expected ${issue.message}`);
  }
  const e = parsed.data;
  if (choice === "openai" && !e.OPENAI_API_KEY) {
    throw new Error(
      "--brain openai: set OPENAI_API_KEY (any value for a local OpenAI-compatible server) and OPENAI_BASE_URL if it is not api.openai.com",
    );
  }
  const openai =
    e.OPENAI_API_KEY && choice !== "local"
      ? {
          apiKey: e.OPENAI_API_KEY,
          model: e.OPENAI_MODEL,
          baseURL: e.OPENAI_BASE_URL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
          breakerFailures: e.OPENAI_BREAKER_FAILURES,
          breakerCoolDownMs: e.OPENAI_BREAKER_COOLDOWN_MS,
        }
      : undefined;
  return createBrain(openai, stderrLogger);
}
