import { describe, expect, it } from "vitest";
import { PrismaJobStore } from "../../../src/adapters/store/prisma/prisma-job-store.js";
import { storeWithDealership } from "../../helpers/store-with-dealership.js";
import { testStores } from "../../helpers/test-database.js";

const T0 = Date.parse("2026-03-02T15:00:00Z");
const at = (ms: number) => new Date(T0 + ms);
let sid = 0;

describe.each(testStores())("takeTurn: a customer's waiting texts taken together, once (%s)", (kind) => {
  const fixture = storeWithDealership(kind);

  /** Texts one second apart from T0; returns the conversation and the texts' ids. */
  const burst = async (from: string, count: number) => {
    const ids: string[] = [];
    let conversationId = "";
    for (let i = 0; i < count; i++) {
      const r = await fixture.store.recordInbound({
        dealershipId: "main",
        from,
        body: `question ${i}`,
        providerId: `SM${String(++sid).padStart(32, "0")}`,
        numMedia: 0,
        receivedAt: at(i * 1000),
      });
      ids.push(r.messageId);
      conversationId = r.conversationId;
    }
    return { conversationId, ids };
  };

  it("taking texts to answer them cancels the jobs they make moot, in that conversation only, and only when taken", async () => {
    const jobs = new PrismaJobStore(fixture.db.prisma);
    const nudge = (conversationId: string, key: string) =>
      jobs.schedule({
        type: "nudge",
        dealershipId: "main",
        conversationId,
        dueAt: at(3_600_000),
        payload: { series: key, silenceStart: at(0).toISOString(), attempt: 1 },
        dedupeKey: key,
      });
    const statuses = async () =>
      (await fixture.db.prisma.scheduledJob.findMany({ orderBy: { dedupeKey: "asc" } })).map((j) => [
        j.dedupeKey,
        j.status,
        j.result,
      ]);
    const a = await burst("+15125550211", 2);
    const b = await burst("+15125550212", 1);
    await nudge(a.conversationId, "a1");
    await nudge(b.conversationId, "b1");
    await jobs.schedule({
      type: "rep_followup",
      dealershipId: "main",
      conversationId: a.conversationId,
      dueAt: at(0),
      payload: { repName: "Dana", requestedAt: at(0).toISOString() },
      dedupeKey: "a-followup",
    });
    const cancels = { types: ["nudge"] as const, reason: "customer wrote", at: at(5000) };

    // Not due yet: nothing taken, nothing cancelled.
    await fixture.store.takeTurn(a.conversationId, { quietSince: at(0), waitingSince: at(-1) }, cancels);
    expect(await statuses()).toEqual([
      ["a-followup", "pending", null],
      ["a1", "pending", null],
      ["b1", "pending", null],
    ]);
    await fixture.store.takeTurn(a.conversationId, { quietSince: at(9000), waitingSince: at(-1) }, cancels);
    expect(await statuses()).toEqual([
      ["a-followup", "pending", null],
      ["a1", "cancelled", "customer wrote"],
      ["b1", "pending", null],
    ]);

    // One text at a time (startHandling): the same, once the text is taken; a text taken already cancels nothing.
    await nudge(b.conversationId, "b2");
    expect(await fixture.store.startHandling(b.ids[0]!, cancels)).toBeDefined();
    await nudge(b.conversationId, "b3");
    expect(await fixture.store.startHandling(b.ids[0]!, cancels)).toBeUndefined();
    expect((await statuses()).slice(2)).toEqual([
      ["b1", "cancelled", "customer wrote"],
      ["b2", "cancelled", "customer wrote"],
      ["b3", "pending", null],
    ]);
  });

  it("waits while the customer is typing, then takes every waiting text oldest first, with the conversation", async () => {
    const { conversationId, ids } = await burst("+15125550201", 4);
    const typing = await fixture.store.takeTurn(conversationId, { quietSince: at(2999), waitingSince: at(-1) });
    expect(typing).toEqual({ taken: false, waiting: { firstAt: at(0), lastAt: at(3000) } });

    const turn = await fixture.store.takeTurn(conversationId, { quietSince: at(3000), waitingSince: at(-1) });
    expect(turn.taken && turn.texts.map((t) => t.id)).toEqual(ids);
    expect(turn.taken && turn.conversation).toMatchObject({ id: conversationId, customer: { phone: "+15125550201" } });
    expect(await fixture.store.takeTurn(conversationId, { quietSince: at(9000), waitingSince: at(9000) })).toEqual({
      taken: false,
    });

    await fixture.store.finishTurn(ids, at(5000));
    const rows = await fixture.db.prisma.message.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "handled" && r.handledAt?.getTime() === T0 + 5000)).toBe(true);
  });

  it("takes a customer who never pauses once the first text has waited long enough", async () => {
    const { conversationId } = await burst("+15125550202", 3);
    const turn = await fixture.store.takeTurn(conversationId, { quietSince: at(0), waitingSince: at(0) });
    expect(turn.taken && turn.texts).toHaveLength(3);
  });

  it("takes again what a crashed replica held once its lease ran out, never what a live one holds", async () => {
    const { conversationId, ids } = await burst("+15125550203", 2);
    const due = { quietSince: at(60_000), waitingSince: at(60_000) };
    expect((await fixture.store.takeTurn(conversationId, due)).taken).toBe(true);
    expect(await fixture.store.takeTurn(conversationId, due)).toEqual({ taken: false });
    await fixture.db.prisma.message.updateMany({
      where: { id: { in: ids } },
      data: { leaseUntil: new Date(Date.now() - 1000) },
    });
    const again = await fixture.store.takeTurn(conversationId, due);
    expect(again.taken && again.texts.map((t) => t.id)).toEqual(ids);
  });

  it("many takers at once: one gets the whole turn, the others nothing", async () => {
    for (let round = 0; round < 5; round++) {
      const { conversationId, ids } = await burst(`+1512555030${round}`, 5);
      const due = { quietSince: at(60_000), waitingSince: at(60_000) };
      const results = await Promise.all(Array.from({ length: 8 }, () => fixture.store.takeTurn(conversationId, due)));
      const winners = results.filter((r) => r.taken);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.taken && winners[0]!.texts.map((t) => t.id)).toEqual(ids);
    }
  });
});
