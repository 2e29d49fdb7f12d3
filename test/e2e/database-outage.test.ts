import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDatabaseLink, type DatabaseLink } from "../helpers/database-link.js";
import { recordingLogger, type LogLine } from "../helpers/recording-logger.js";
import { startBaton, type RunningBaton } from "../helpers/start-baton.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

const postgres = process.env.TEST_DATABASE_URL;
if (!postgres)
  console.warn(
    'database outage skipped: set TEST_DATABASE_URL (eval "$(bash .ci/start-postgres.sh)") to cut Baton off its PostgreSQL',
  );

let seq = 0;
const nextCustomer = () => `+1512555${String(4000 + ++seq).padStart(4, "0")}`;
/** A log line as the JSON logger writes it holds no newline: no stack trace, no Prisma code frame. */
const isOneLine = (line: LogLine) => !/\\n|stack/.test(JSON.stringify(line));

describe.skipIf(!postgres)("the database goes away and comes back", () => {
  let db: TestDatabase;
  let link: DatabaseLink;
  let run: RunningBaton;
  const logs = recordingLogger();
  const downLines = () => logs.lines.filter((l) => l.msg.startsWith("database unavailable"));
  const backLines = () => logs.lines.filter((l) => l.msg.startsWith("database is back"));

  beforeAll(async () => {
    db = await createTestDatabase({ kind: "postgres" });
    link = await startDatabaseLink(db.url!);
    run = await startBaton({ DATABASE_URL: link.url }, { logger: logs });
  });
  afterAll(async () => {
    await link?.restore();
    await run?.stop();
    await link?.close();
    await db?.close();
  });

  it("answers webhooks 500 while it is away, logging one line per kind of failure and no stack traces", async () => {
    expect((await run.text(nextCustomer(), "Is the Civic still available?")).status).toBe(200);
    await run.baton.idle();
    await link.cut();

    const texts = 12;
    const statuses: number[] = [];
    for (let i = 0; i < texts; i++) statuses.push((await run.text(nextCustomer(), "Do you have any Camrys?")).status);
    expect(statuses).toEqual(Array(texts).fill(500));

    // Not one "request failed" with Prisma's multi-line message per webhook, as before.
    expect(logs.lines.filter((l) => l.msg === "request failed").length).toBe(0);
    const down = downLines();
    const failures = down.map((l) => (l.obj as { failure: string }).failure);
    expect(down.length).toBeGreaterThanOrEqual(1);
    expect(down.length).toBeLessThanOrEqual(2); // the connection that dropped, then the server refusing new ones
    expect(new Set(failures).size).toBe(down.length);
    expect(down.every((l) => l.level === "error" && isOneLine(l))).toBe(true);
    expect(backLines()).toEqual([]);
  });

  it("says once that it is back, with how many requests failed, and takes texts again", async () => {
    await link.restore();
    expect((await run.text(nextCustomer(), "Still open on Sunday?")).status).toBe(200);
    expect((await fetch(`${run.url}/healthz`)).status).toBe(200);

    const back = backLines();
    expect(back).toHaveLength(1);
    expect(back[0]!.obj).toMatchObject({ failedRequests: 12 });
    expect(isOneLine(back[0]!)).toBe(true);
    await run.baton.idle();
  });
});
