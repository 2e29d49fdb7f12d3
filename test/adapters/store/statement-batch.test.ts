import { describe, expect, it, vi } from "vitest";
import { StatementBatch } from "../../../src/adapters/store/prisma/statement-batch.js";

/** A statement whose round trip ends when the test says so; it records the rows of each one sent. */
function heldStatement() {
  const sent: number[][] = [];
  const release: (() => void)[] = [];
  const run = (rows: number[]) => {
    sent.push(rows);
    return new Promise<number[]>((resolve) => release.push(() => resolve(rows.map((r) => r * 10))));
  };
  return { sent, run, release, releaseNext: () => release.shift()!() };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("StatementBatch (the group commit of one kind of statement)", () => {
  it("sends the calls of one turn as one statement, and each caller gets its own row's result", async () => {
    const statement = heldStatement();
    const batch = new StatementBatch(statement.run);
    const results = Promise.all([batch.add(1), batch.add(2), batch.add(3)]);
    await turn();
    expect(statement.sent).toEqual([[1, 2, 3]]);
    statement.releaseNext();
    expect(await results).toEqual([10, 20, 30]);
  });

  it("collects the calls made while a statement is on its way into the next one, instead of one statement each", async () => {
    const statement = heldStatement();
    const batch = new StatementBatch(statement.run);
    const first = batch.add(1);
    await turn();
    // Three more arrive, on separate turns, while the first statement is still out.
    const later = [batch.add(2)];
    await turn();
    later.push(batch.add(3));
    await turn();
    later.push(batch.add(4));
    await turn();
    expect(statement.sent).toEqual([[1]]);

    statement.releaseNext();
    expect(await first).toBe(10);
    await vi.waitFor(() => expect(statement.sent).toEqual([[1], [2, 3, 4]]));
    statement.releaseNext();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it("alone, a call waits for nothing but the end of its turn", async () => {
    const statement = heldStatement();
    const batch = new StatementBatch(statement.run);
    const result = batch.add(7);
    await turn();
    expect(statement.sent).toEqual([[7]]);
    statement.releaseNext();
    expect(await result).toBe(70);
  });

  it("splits a queue longer than a statement's rows", async () => {
    const statement = heldStatement();
    const batch = new StatementBatch(statement.run, 2, 2);
    const results = Promise.all([1, 2, 3, 4, 5].map((n) => batch.add(n)));
    await turn();
    await turn();
    expect(statement.sent).toEqual([
      [1, 2],
      [3, 4],
    ]);
    statement.releaseNext();
    statement.releaseNext();
    await vi.waitFor(() => expect(statement.sent.at(-1)).toEqual([5]));
    statement.releaseNext();
    expect(await results).toEqual([10, 20, 30, 40, 50]);
  });

  it("does not hold the others back behind a statement that never comes back", async () => {
    const statement = heldStatement();
    const batch = new StatementBatch(statement.run, 200, 1, 30);
    void batch.add(1); // its statement stays out: a lock wait, a stalled connection
    await turn();
    const later = batch.add(2);
    await turn();
    expect(statement.sent).toEqual([[1]]);
    await vi.waitFor(() => expect(statement.sent).toEqual([[1], [2]]), { timeout: 2_000 });
    statement.release.at(-1)!();
    expect(await later).toBe(20);
  });

  it("fails only the bad row: its neighbours are sent again on their own and succeed", async () => {
    const sent: number[][] = [];
    const batch = new StatementBatch(async (rows: number[]) => {
      sent.push(rows);
      if (rows.includes(2)) throw new Error("row 2 violates a constraint");
      return rows.map((r) => r * 10);
    });
    const outcomes = await Promise.allSettled([batch.add(1), batch.add(2), batch.add(3)]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual([
      10,
      "row 2 violates a constraint",
      30,
    ]);
    expect(sent).toEqual([[1, 2, 3], [1], [2], [3]]);
  });
});
