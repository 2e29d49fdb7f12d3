import type { Brain } from "../../../core/ports/brain.js";
import { LocalBrain } from "./local-brain.js";

/** The deterministic, offline brain: no network, no keys. */
export function createLocalBrain(): Brain {
  return new LocalBrain();
}
