import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaJobStore } from "../../../src/adapters/store/prisma/prisma-job-store.js";
import { createTestDatabase, testStores, type TestDatabase } from "../../helpers/test-database.js";

const T0 = new Date("2026-03-02T15:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const nudge = (attempt: number) => ({ series: "m1", silenceStart: "2026-03-02T11:00:00.000Z", attempt });
/** A nudge job for a conversation, due at `dueAt`. */
const nudgeJob = (conversationId: string, dueAt: Date, attempt: number, dedupeKey?: string) => ({
  type: "nudge" as const,
  dealershipId: "main",
  conversationId,
  dueAt,
  payload: nudge(attempt),
  ...(dedupeKey ? { dedupeKey } : {}),
});
const ESCALATION = { step: 1, handoffAt: "2026-03-02T14:00:00.000Z", targetMs: 900_000 } as const;
const REP_FOLLOWUP = { repName: "Jordan", requestedAt: "2026-03-01T15:00:00.000Z" };

describe.each(testStores())("PrismaJobStore: leases and pace in the database (%s)", (kind) => {
  let db: TestDatabase;
  let jobs: PrismaJobStore;

  beforeEach(async () => {
    db = await createTestDatabase({ kind });
    jobs = new PrismaJobStore(db.prisma);
  });
  afterEach(async () => db?.close());

  it("jobs planned at the same moment (one statement): each is told whether it is new, and a bad one fails alone", async () => {
    const [first, twin, other, bad, last] = await Promise.allSettled([
      jobs.schedule(nudgeJob("c1", at(-1000), 1, "nudge:c1:m1:1")),
      jobs.schedule(nudgeJob("c1", at(-1000), 1, "nudge:c1:m1:1")), // the same dedupe key: not new
      jobs.schedule(nudgeJob("c2", at(-2000), 1)),
      jobs.schedule(nudgeJob("c3", new Date(Number.NaN), 1)),
      jobs.schedule(nudgeJob("c4", at(-3000), 1)),
    ]);
    expect([first, twin, other, last].map((r) => (r.status === "fulfilled" ? r.value : r.reason))).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(bad.status).toBe("rejected");
    const claimed = await jobs.claimDue({ now: T0, limit: 10, leaseMs: 60_000, workerId: "a" });
    expect(claimed.map((j) => j.conversationId)).toEqual(["c4", "c2", "c1"]);
  });

  it("claims only what is due, in due order, and each due job once", async () => {
    await jobs.schedule(nudgeJob("c2", at(-1000), 2));
    await jobs.schedule(nudgeJob("c1", at(-5000), 1));
    await jobs.schedule(nudgeJob("c3", at(60_000), 3));
    const first = await jobs.claimDue({ now: T0, limit: 10, leaseMs: 60_000, workerId: "a" });
    expect(first.map((j) => j.payload)).toEqual([nudge(1), nudge(2)]);
    expect(first[0]).toMatchObject({
      type: "nudge",
      dealershipId: "main",
      conversationId: "c1",
      attempts: 1,
      dueAt: at(-5000),
    });
    expect(await jobs.claimDue({ now: T0, limit: 10, leaseMs: 60_000, workerId: "b" })).toEqual([]);
  });

  it("gives a job whose lease ran out to the next worker, and only that worker may complete it", async () => {
    await jobs.schedule({
      type: "escalation",
      dealershipId: "main",
      conversationId: "c1",
      dueAt: T0,
      payload: ESCALATION,
    });
    const [held] = await jobs.claimDue({ now: T0, limit: 1, leaseMs: 60_000, workerId: "crashed" });
    expect(await jobs.claimDue({ now: at(59_000), limit: 1, leaseMs: 60_000, workerId: "b" })).toEqual([]);
    const [taken] = await jobs.claimDue({ now: at(61_000), limit: 1, leaseMs: 60_000, workerId: "b" });
    expect(taken).toMatchObject({ id: held!.id, attempts: 2 });
    expect(await jobs.complete(held!.id, "crashed", at(62_000))).toBe(false);
    expect(await jobs.complete(held!.id, "b", at(62_000), "ok")).toBe(true);
    expect(await jobs.claimDue({ now: at(999_000), limit: 1, leaseMs: 60_000, workerId: "c" })).toEqual([]);
  });

  it("jobs finished at the same moment (one statement): each ends as told, and only while its worker holds it", async () => {
    for (const c of ["c1", "c2", "c3"]) await jobs.schedule(nudgeJob(c, at(-1000), 1));
    const claimed = await jobs.claimDue({ now: T0, limit: 3, leaseMs: 1000, workerId: "a" });
    const [taken] = await jobs.claimDue({ now: at(5000), limit: 1, leaseMs: 60_000, workerId: "b" }); // a's lease ran out
    const [sent, refused] = claimed.filter((j) => j.id !== taken!.id);
    expect(claimed.map((j) => j.id)).toContain(taken!.id);
    const results = await Promise.all([
      jobs.complete(sent!.id, "a", at(6000), "sent"),
      jobs.fail(refused!.id, "a", at(6000), "x".repeat(600)),
      jobs.complete(taken!.id, "a", at(6000), "sent"), // b holds it now
    ]);
    expect(results).toEqual([true, true, false]);
    const rows = new Map((await db.prisma.scheduledJob.findMany()).map((r) => [r.id, r]));
    expect(rows.get(sent!.id)).toMatchObject({ status: "done", result: "sent", doneAt: at(6000), leaseUntil: null });
    expect(rows.get(refused!.id)).toMatchObject({ status: "failed", doneAt: at(6000) });
    expect(rows.get(refused!.id)!.result).toHaveLength(500);
    expect(rows.get(taken!.id)).toMatchObject({ status: "running", lockedBy: "b", result: null });
  });

  it("schedules once per dedupe key, reschedules, and cancels a conversation's pending jobs by type", async () => {
    expect(await jobs.schedule(nudgeJob("c1", T0, 1, "k"))).toBe(true);
    expect(await jobs.schedule(nudgeJob("c1", T0, 1, "k"))).toBe(false);
    await jobs.schedule({
      type: "rep_followup",
      dealershipId: "main",
      conversationId: "c1",
      dueAt: T0,
      payload: REP_FOLLOWUP,
    });
    const [job] = await jobs.claimDue({ now: T0, limit: 1, leaseMs: 60_000, workerId: "a" });
    expect(await jobs.reschedule(job!.id, "a", at(3_600_000), { payload: { slotAt: "x" } })).toBe(true);
    expect(await jobs.cancel("c1", ["nudge"], T0, "customer wrote")).toBe(1);
    const rows = await db.prisma.scheduledJob.findMany({ orderBy: { type: "asc" } });
    expect(rows.map((r) => [r.type, r.status])).toEqual([
      ["nudge", "cancelled"],
      ["rep_followup", "pending"],
    ]);
  });

  it("cancellations at the same moment each cancel their own conversation's jobs of their types, each job once", async () => {
    await jobs.schedule(nudgeJob("c1", T0, 1, "c1-nudge"));
    await jobs.schedule(nudgeJob("c2", T0, 1, "c2-nudge"));
    await jobs.schedule(nudgeJob("c3", T0, 1, "c3-nudge"));
    await jobs.schedule({
      type: "rep_followup",
      dealershipId: "main",
      conversationId: "c2",
      dueAt: T0,
      payload: REP_FOLLOWUP,
    });
    const counts = await Promise.all([
      jobs.cancel("c1", ["nudge"], at(1000), "customer wrote"),
      jobs.cancel("c2", ["nudge", "rep_followup"], at(1000), "opted out"),
      jobs.cancel("c2", ["nudge"], at(2000), "customer wrote"),
      jobs.cancel("c3", ["escalation"], at(1000), "claimed"),
      jobs.cancel("c4", ["nudge"], at(1000), "customer wrote"),
    ]);
    // The second cancel of c2's nudge finds it gone, as it would one after the other.
    expect(counts).toEqual([1, 2, 0, 0, 0]);
    const rows = await db.prisma.scheduledJob.findMany({ orderBy: [{ conversationId: "asc" }, { type: "asc" }] });
    expect(rows.map((r) => [r.conversationId, r.type, r.status, r.result, r.doneAt])).toEqual([
      ["c1", "nudge", "cancelled", "customer wrote", at(1000)],
      ["c2", "nudge", "cancelled", "opted out", at(1000)],
      ["c2", "rep_followup", "cancelled", "opted out", at(1000)],
      ["c3", "nudge", "pending", null, null],
    ]);
  });

  it("hands out sending slots at the pace, from a start in the future, atomically", async () => {
    const opens = at(3_600_000);
    const slots = await Promise.all([0, 1, 2, 3].map(() => jobs.reserveSendSlot("main", opens, 30_000)));
    expect(slots.map((s) => s.getTime() - opens.getTime()).sort((a, b) => a - b)).toEqual([0, 30_000, 60_000, 90_000]);
    // Another dealership has its own pace; a later start is not pulled back.
    expect(await jobs.reserveSendSlot("north", T0, 30_000)).toEqual(T0);
    expect(await jobs.reserveSendSlot("main", at(10 * 3_600_000), 30_000)).toEqual(at(10 * 3_600_000));
  });
});
