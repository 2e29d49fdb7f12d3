import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../../src/adapters/store/prisma/generated/client.js";
import { DatabaseOutageLog } from "../../../src/runtime/database-outage-log.js";
import { recordingLogger } from "../../helpers/recording-logger.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.js";

/** A port on 127.0.0.1 that nothing listens on: a PostgreSQL server that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a query throws, or undefined if it succeeds. */
const errorOf = (query: Promise<unknown>) =>
  query.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("DatabaseOutageLog, with the errors the real Prisma client throws", () => {
  let unreachable: PrismaClient;
  let db: TestDatabase;
  beforeAll(async () => {
    unreachable = new PrismaClient({
      adapter: new PrismaPg({
        connectionString: `postgresql://baton@127.0.0.1:${await closedPort()}/baton`,
        connectionTimeoutMillis: 2000,
      }),
    });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await unreachable?.$disconnect();
    await db?.close();
  });

  it("logs a server that is down once however many requests fail, then one line when it answers again", async () => {
    const logs = recordingLogger();
    const outage = new DatabaseOutageLog(logs);
    for (let i = 0; i < 10; i++)
      expect(outage.failed(await errorOf(unreachable.dealership.count()), { path: "/twilio/sms" })).toBe(true);

    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({
      level: "error",
      obj: { failure: "P1001 DatabaseNotReachable", path: "/twilio/sms" },
    });
    expect((logs.lines[0]!.obj as { detail: string }).detail).toMatch(
      /^Can't reach database server at 127\.0\.0\.1:\d+$/,
    );

    outage.answered();
    outage.answered();
    expect(logs.lines).toHaveLength(2);
    expect(logs.lines[1]).toMatchObject({
      level: "warn",
      obj: { failedRequests: 10, failures: ["P1001 DatabaseNotReachable"] },
    });
    expect(logs.lines[1]!.msg).toMatch(/^database is back/);
  });

  it("logs each new kind of failure in the same outage once", async () => {
    const logs = recordingLogger();
    const outage = new DatabaseOutageLog(logs);
    outage.failed(await errorOf(unreachable.dealership.count()), { path: "/twilio/sms" });
    outage.failed(await errorOf(unreachable.$queryRaw`SELECT 1`), { path: "/healthz" });
    outage.failed(await errorOf(unreachable.$queryRaw`SELECT 1`), { path: "/healthz" });
    expect(logs.lines.map((l) => (l.obj as { failure: string }).failure)).toEqual([
      "P1001 DatabaseNotReachable",
      "DatabaseNotReachable",
    ]);
  });

  it("leaves an error of one query (a duplicate key) to the caller, and logs nothing", async () => {
    const logs = recordingLogger();
    const outage = new DatabaseOutageLog(logs);
    const dealership = {
      id: "maple-ridge",
      name: "Maple Ridge Motors",
      timezone: "America/Chicago",
      smsNumber: "+15125550100",
    };
    await db.prisma.dealership.create({ data: dealership });
    const duplicate = await errorOf(db.prisma.dealership.create({ data: dealership }));
    expect(duplicate).toBeDefined();
    expect(outage.failed(duplicate, { path: "/twilio/sms" })).toBe(false);
    outage.answered();
    expect(logs.lines).toEqual([]);
  });
});
