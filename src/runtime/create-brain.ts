import { createLocalBrain } from "../adapters/brain/local/index.js";
import { createOpenAiBrain } from "../adapters/brain/openai/index.js";
import type { OpenAiConfig } from "../config/config.js";
import { guardBrain } from "../core/brain/guardrails.js";
import type { Brain } from "../core/ports/brain.js";
import type { Logger } from "../core/ports/logger.js";
import type { TextJudge } from "../core/ports/text-judge.js";
import { loadNgramJudge } from "../adapters/judge/ngram/index.js";

/**
 * The brain every path uses (live texts, npm run triage, npm run eval): OpenAI when
 * configured with the local brain as its fallback, else the local brain, always inside the
 * same code guardrails.
 */
export function createBrain(openai: OpenAiConfig | undefined, logger: Logger, judge: TextJudge = loadNgramJudge()): Brain {
  const local = createLocalBrain(judge);
  const inner = openai ? createOpenAiBrain({ ...openai, fallback: local, logger }) : local;
  return guardBrain(inner, { fallback: local });
}
