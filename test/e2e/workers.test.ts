import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startFakeTwilioApi, type FakeTwilioApi } from "../helpers/fake-twilio-api.js";
import { ACCOUNT_SID, AUTH_TOKEN, postSignedText, testDealershipEnv } from "../helpers/start-baton.js";
import { freePort, startMain, waitForOutput, type Started } from "../helpers/start-main.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

const postgres = process.env.TEST_DATABASE_URL;
if (!postgres) console.warn('WORKERS skipped: set TEST_DATABASE_URL (eval "$(bash .ci/start-postgres.sh)")');

/** The pids of the processes that logged `msg` (pino writes each line's pid). */
const pidsThatSaid = (output: string, msg: string) =>
  new Set(
    output
      .split("\n")
      .filter((line) => line.includes(`"msg":"${msg}`))
      .map((line) => (JSON.parse(line) as { pid: number }).pid),
  );

describe.skipIf(!postgres)("WORKERS=2 on PostgreSQL: two Baton processes on one port", { timeout: 120_000 }, () => {
  let db: TestDatabase;
  let twilio: FakeTwilioApi;
  let dir: string;
  let running: Started | undefined;
  afterAll(async () => {
    if (running && running.child.exitCode === null) running.child.kill("SIGKILL");
    await twilio?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("both serve the port, every text is answered exactly once, and SIGTERM stops them all", async () => {
    db = await createTestDatabase({ kind: "postgres" });
    twilio = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    dir = await mkdtemp(path.join(tmpdir(), "baton-workers-"));
    const port = await freePort();
    running = startMain(dir, {
      ...testDealershipEnv(twilio),
      DATABASE_URL: db.url!,
      PORT: String(port),
      WORKERS: "2",
    });
    await waitForOutput(running, "Processes: 2 (WORKERS) serve port");
    // Both processes opened the database (the second may still be starting when the first says so).
    await vi.waitFor(() => expect(pidsThatSaid(running!.output(), "database ready").size).toBe(2), {
      timeout: 60_000,
    });

    const customers = Array.from({ length: 24 }, (_, i) => `+1512555${String(6100 + i)}`);
    const answers = await Promise.all(
      customers.map((from) =>
        postSignedText(`http://127.0.0.1:${port}`, from, "What time do you open Saturday?").then((r) => r.status),
      ),
    );
    expect(answers).toEqual(customers.map(() => 200));
    await vi.waitFor(() => expect(twilio.messages.length).toBeGreaterThanOrEqual(customers.length), {
      timeout: 30_000,
    });
    await new Promise((r) => setTimeout(r, 1000)); // a second reply would have come by now
    for (const customer of customers) expect(twilio.messages.filter((m) => m.to === customer)).toHaveLength(1);

    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    expect(pidsThatSaid(running.output(), "stopped").size).toBe(3); // both processes, then the primary
  });
});
