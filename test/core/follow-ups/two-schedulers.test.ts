import { afterEach, describe, expect, it } from "vitest";
import { HOUR, startFollowUpHarness, type FollowUpHarness } from "../../helpers/follow-up-harness.js";
import { testStores } from "../../helpers/test-database.js";

const NOW = "2026-03-02T15:00:00Z";

/** 1,000 AI-owned conversations, each with a nudge due now, in three statements. */
async function seedDueNudges(h: FollowUpHarness, count: number): Promise<void> {
  const asked = new Date(Date.parse(NOW) - 4 * HOUR);
  await h.db.prisma.$executeRaw`
    INSERT INTO "Customer" ("id", "dealershipId", "phone", "updatedAt")
    SELECT 'cu' || g, 'main', '+1512555' || lpad(g::text, 4, '0'), ${asked} FROM generate_series(1, ${count}) g`;
  await h.db.prisma.$executeRaw`
    INSERT INTO "Conversation" ("id", "dealershipId", "customerId", "status", "updatedAt", "lastCustomerAt")
    SELECT 'cv' || g, 'main', 'cu' || g, 'ai', ${asked}, ${asked} FROM generate_series(1, ${count}) g`;
  await h.db.prisma.$executeRaw`
    INSERT INTO "ScheduledJob" ("id", "type", "dealershipId", "conversationId", "dueAt", "payload")
    SELECT 'job' || g, 'nudge', 'main', 'cv' || g, ${asked}::timestamp(3) + make_interval(secs => g % 60),
           jsonb_build_object('series', 's' || g, 'silenceStart', ${asked.toISOString()}::text, 'attempt', 1, 'question', 'What day works for you?')
    FROM generate_series(1, ${count}) g`;
}

describe.each(testStores())("two schedulers on one database (%s)", (kind) => {
  let h: FollowUpHarness;
  afterEach(async () => h?.close());

  it("send each of 1,000 due nudges exactly once when they tick at the same time", async () => {
    // One nudge per silence keeps the test to the claim; pacing is off so the frozen clock sends at once.
    h = await startFollowUpHarness({ kind, start: NOW, pacing: false, settings: { nudgeCadenceMs: [4 * HOUR] } });
    await seedDueNudges(h, 1000);
    const a = h.replica("replica-a");
    const b = h.replica("replica-b");

    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    expect(ra.failed + rb.failed).toBe(0);
    expect(ra.done + rb.done).toBe(1000);
    expect(Math.min(ra.done, rb.done)).toBeGreaterThan(0); // both did part of the work

    expect(h.sender.sent).toHaveLength(1000);
    expect(new Set(h.sender.sent.map((m) => m.to)).size).toBe(1000);
    const jobs = await h.db.prisma.scheduledJob.groupBy({ by: ["status", "lockedBy"], _count: true });
    expect(jobs.filter((j) => j.status !== "done")).toEqual([]);
    expect(await h.db.prisma.message.count({ where: { idempotencyKey: { startsWith: "nudge:" } } })).toBe(1000);
    expect((await Promise.all([a.tick(), b.tick()])).every((r) => r.done === 0)).toBe(true);
  }, 120_000); // ~8 s on PGlite on an idle 2-core machine; room for a busy one

  it("lets another replica finish a crashed replica's claimed jobs once its lease runs out, without sending twice", async () => {
    h = await startFollowUpHarness({ kind, start: NOW, pacing: false, settings: { nudgeCadenceMs: [4 * HOUR] } });
    await seedDueNudges(h, 20);
    // Replica A claims ten jobs and sends the first one, then dies before marking anything done.
    const claimed = await h.jobs.claimDue({
      now: h.clock.now(),
      limit: 10,
      leaseMs: 5 * 60_000,
      workerId: "replica-a",
    });
    await h.deps.gateway.sendScheduled({
      conversationId: claimed[0]!.conversationId!,
      body: "sent before the crash",
      author: "ai",
      purpose: "nudge",
      idempotencyKey: `nudge:${claimed[0]!.id}`,
    });

    const b = h.replica("replica-b");
    expect((await b.tick()).done).toBe(10); // the other ten; A's are still leased
    h.clock.advance(5 * 60_000 + 1);
    expect((await b.tick()).done).toBe(10);
    expect(h.sender.sent).toHaveLength(20);
    expect(new Set(h.sender.sent.map((m) => m.to)).size).toBe(20);
  });
});
