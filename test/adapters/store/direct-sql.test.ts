// The stores' statements go straight to the driver (direct-sql.ts): what they write and read back
// must be exactly what Prisma writes and reads, whatever time zone the process runs in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaConversationStore } from "../../../src/adapters/store/prisma/prisma-conversation-store.js";
import { sqlRows } from "../../../src/adapters/store/prisma/direct-sql.js";
import { Prisma } from "../../../src/adapters/store/prisma/generated/client.js";
import { createTestDatabase, testStores, type TestDatabase } from "../../helpers/test-database.js";

const AT = new Date("2026-03-02T23:30:00.123Z"); // the next day in UTC, still the 2nd in Chicago

describe.each(testStores())("plain SQL through the driver (%s)", (kind) => {
  let db: TestDatabase;
  let store: PrismaConversationStore;
  const zone = process.env.TZ;

  beforeEach(async () => {
    db = await createTestDatabase({ kind });
    store = new PrismaConversationStore(db.prisma);
    await store.ensureDealership({ id: "main", name: "Maple Ridge Motors", timezone: "America/Chicago" });
  });
  afterEach(async () => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
    await db?.close();
  });

  it("keeps a text's time to the millisecond when the server's zone is not UTC", async () => {
    process.env.TZ = "America/Chicago";
    const stored = await store.recordInbound({
      dealershipId: "main",
      from: "+15125550177",
      body: "is the tacoma still there?",
      providerId: "SM00000000000000000000000000000001",
      numMedia: 0,
      receivedAt: AT,
    });
    // Read back by Prisma's own client and by the direct path: the same instant both ways.
    const byPrisma = await db.prisma.message.findUniqueOrThrow({ where: { id: stored.messageId } });
    const [byDriver] = await store.listMessages(stored.conversationId, 10);
    expect(byPrisma.createdAt.toISOString()).toBe(AT.toISOString());
    expect(byDriver?.createdAt.toISOString()).toBe(AT.toISOString());
  });

  it("reads numbers, json and bigint as Prisma's raw queries do", async () => {
    const [row] = await sqlRows<{ n: number; big: bigint; doc: unknown; at: Date; words: string[] }>(
      db.prisma,
      Prisma.sql`SELECT 7::int AS n, 9007199254740993::int8 AS big, ${JSON.stringify({ a: [1, "x"] })}::jsonb AS doc,
        ${AT}::timestamp(3) AS at, ARRAY['a', 'b'] AS words`,
    );
    expect(row).toEqual({ n: 7, big: 9007199254740993n, doc: { a: [1, "x"] }, at: AT, words: ["a", "b"] });
  });
});
