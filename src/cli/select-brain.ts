import { createLocalBrain } from "../adapters/brain/local/index.js";
import type { Brain } from "../core/ports/brain.js";

/**
 * The brain the command-line tools use. Local for now: deterministic and offline.
 *
 * PLUG-IN POINT (the one place): when `src/adapters/brain/openai/index.ts` is ready, return the
 * OpenAI brain here when OPENAI_API_KEY is set. Callers already wrap the result in
 * guardBrain() with the local brain as fallback, so nothing else changes.
 */
export async function selectBrain(env: NodeJS.ProcessEnv = process.env): Promise<Brain> {
  if (env.OPENAI_API_KEY) {
    process.stderr.write("OPENAI_API_KEY is set, but the OpenAI brain is not wired into the CLI yet: using the local brain.\n");
  }
  return createLocalBrain();
}
