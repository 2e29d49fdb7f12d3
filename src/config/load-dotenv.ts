import { existsSync } from "node:fs";

/**
 * Reads `.env` in the working directory, as the README tells an installer to write it. Variables
 * already set in the environment win (a process manager's settings beat the file).
 */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
