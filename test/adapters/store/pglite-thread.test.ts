// The embedded database runs on a thread of its own (pglite-thread.ts): Baton's main thread keeps
// answering while a statement runs, and what callers get back is what PGlite itself would give.
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../src/adapters/store/prisma/open-database.js";
import { isUniqueViolation } from "../../../src/adapters/store/prisma/is-unique-violation.js";

describe("the embedded database on its own thread", () => {
  let db: Database | undefined;
  afterEach(async () => db?.close());

  it("leaves the main thread free while a statement runs", async () => {
    db = await openDatabase("memory:");
    const order: string[] = [];
    const slow = db.prisma.$executeRaw`SELECT count(*) FROM generate_series(1, 5000000)`.then(() =>
      order.push("statement done"),
    );
    // A timer due long before the count is done: on the thread running PGlite it would wait behind it.
    await new Promise((resolve) => setTimeout(resolve, 20)).then(() => order.push("timer fired"));
    await slow;
    expect(order).toEqual(["timer fired", "statement done"]);
  });

  it("rolls a failed transaction back and reports the database's own error", async () => {
    db = await openDatabase("memory:");
    const { prisma } = db;
    await prisma.dealership.create({ data: { id: "main", name: "Maple Ridge Motors", timezone: "America/Chicago" } });
    const failed = await prisma
      .$transaction(async (tx) => {
        await tx.dealership.create({ data: { id: "second", name: "Second", timezone: "America/Chicago" } });
        await tx.dealership.create({ data: { id: "main", name: "Again", timezone: "America/Chicago" } });
      })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(failed)).toBe(true);
    expect((await prisma.dealership.findMany()).map((d) => d.id)).toEqual(["main"]);
  });
});
