import { expect } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { loadConfig } from "../../src/config/load-config.js";

/** The one line start-up would print for this environment; fails the test if it loads. */
export function configErrorOf(env: Record<string, string>, baseDir?: string): string {
  try {
    loadConfig(env, baseDir);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}
