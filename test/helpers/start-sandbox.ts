import { buildBaton, type Baton } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { silentLogger } from "../../src/core/ports/logger.js";

export interface RunningSandbox {
  baton: Baton;
  /** The time under the sandbox's fast clock: tests move it to make waits and times realistic. */
  clock: { advance(ms: number): void };
  /** http://127.0.0.1:<port> */
  url: string;
  /** Posts JSON to /sandbox/api/<path>, as the page does. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** A Tuesday, 10:05 in Chicago: inside business hours, so handoffs escalate on the fast clock. */
export const SANDBOX_START = "2026-11-24T16:05:00Z";

/**
 * Baton as `npm start` runs it with no credentials (the sandbox on), on an in-memory database,
 * with the scheduler left to the fast clock and the underlying time fixed.
 */
export async function startSandbox(env: Record<string, string> = {}): Promise<RunningSandbox> {
  const config = loadConfig({
    DATABASE_URL: "memory:",
    DEALERSHIP_NAME: "Maple Ridge Motors",
    DEALERSHIP_TIMEZONE: "America/Chicago",
    SCHEDULER_CRON: "off",
    // Each text answered at once; the burst scene sets the window it plays.
    REPLY_COALESCE_MS: "0",
    ...env,
  });
  // Starts at a fixed moment and runs at real speed, so texts sent in one test are still ordered.
  const started = Date.now();
  let moved = 0;
  const clock = {
    now: () => new Date(Date.parse(SANDBOX_START) + (Date.now() - started) + moved),
    advance: (ms: number) => void (moved += ms),
  };
  const baton = await buildBaton(config, { logger: silentLogger, clock });
  const server = await baton.listen(0, "127.0.0.1");
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    baton,
    clock,
    url,
    post: (path, body, headers = {}) =>
      fetch(`${url}/sandbox/api/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
    stop: () => baton.close(),
  };
}
