import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import { startFakeSlackApi, type FakeSlackApi } from "../helpers/fake-slack-api.js";
import { startFakeTwilioApi, type FakeTwilioApi } from "../helpers/fake-twilio-api.js";
import { ACCOUNT_SID, AUTH_TOKEN, startBaton, type RunningBaton } from "../helpers/start-baton.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

const postgres = process.env.TEST_DATABASE_URL;
if (!postgres)
  console.warn(
    'bursts on replicas skipped: set TEST_DATABASE_URL (eval "$(bash .ci/start-postgres.sh)") to run two Baton instances on one PostgreSQL',
  );

const WINDOW_MS = 3000;

describe.skipIf(!postgres)("a burst split across two replicas on one PostgreSQL is one turn", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let twilio: FakeTwilioApi;
  let a: RunningBaton;
  let b: RunningBaton;
  // One clock for both: the replicas' wake-ups fire on the same move, and race for the turn.
  const clock = new ManualClock("2026-03-03T16:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ kind: "postgres" });
    slack = await startFakeSlackApi();
    twilio = await startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const env = { DATABASE_URL: db.url!, REPLY_COALESCE_MS: String(WINDOW_MS) };
    [a, b] = await Promise.all([startBaton(env, { slack, twilio, clock }), startBaton(env, { slack, twilio, clock })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await slack?.close();
    await twilio?.close();
    await db?.close();
  });

  const repliesTo = (customer: string) => twilio.messages.filter((m) => m.to === customer);
  const statuses = async (customer: string) =>
    (
      await db.prisma.message.findMany({
        where: { direction: "inbound", conversation: { customer: { phone: customer } } },
        orderBy: { createdAt: "asc" },
      })
    ).map((m) => m.status);
  const settle = async () => {
    clock.advance(WINDOW_MS);
    await Promise.all([a.baton.idle(), b.baton.idle()]);
  };

  it("texts landing on either replica, some delivered to both, get one answer; each is handled once", async () => {
    const customer = "+15125557001";
    const texts = ["hi", "what are your hours today?", "where are you located?", "do you have any used trucks?"];
    for (const [i, body] of texts.entries()) {
      clock.advance(700);
      const sid = `SM${String(7000 + i).padStart(32, "0")}`;
      // Alternate replicas; the last text is a webhook retry that reaches both.
      const targets = i === texts.length - 1 ? [a, b] : [i % 2 ? a : b];
      const responses = await Promise.all(targets.map((r) => r.text(customer, body, { sid })));
      expect(responses.every((r) => r.status === 200)).toBe(true);
    }
    await settle();
    expect(repliesTo(customer)).toHaveLength(1);
    expect(await statuses(customer)).toEqual(["handled", "handled", "handled", "handled"]);
  });

  it("a turn taken by a replica that died mid-answer is answered once, by a live one's tick after the lease", async () => {
    const customer = "+15125557002";
    const record = (body: string, i: number) =>
      a.baton.deps.store.recordInbound({
        dealershipId: "main",
        from: customer,
        body,
        providerId: `SM${String(7100 + i).padStart(32, "0")}`,
        numMedia: 0,
        receivedAt: clock.advance(500),
      });
    const stored = [
      await record("is the tacoma still there?", 0),
      await record("what color is it?", 1),
      await record("can I see it today?", 2),
    ];
    const conversationId = stored[0]!.conversationId;
    // Replica A took the turn (its lease), then died before answering.
    const taken = await a.baton.deps.store.takeTurn(conversationId, {
      quietSince: clock.now(),
      waitingSince: clock.now(),
    });
    expect(taken).toMatchObject({
      taken: true,
      texts: [{ id: stored[0]!.messageId }, { id: stored[1]!.messageId }, { id: stored[2]!.messageId }],
    });

    clock.advance(61_000);
    await b.baton.runDueWork();
    await settle();
    expect(repliesTo(customer)).toHaveLength(0); // the lease still holds

    await db.prisma.message.updateMany({
      where: { id: { in: stored.map((s) => s.messageId) } },
      data: { leaseUntil: new Date(Date.now() - 1000) },
    }); // …and runs out
    await Promise.all([a.baton.runDueWork(), b.baton.runDueWork()]);
    await settle();
    expect(repliesTo(customer)).toHaveLength(1);
    expect(await statuses(customer)).toEqual(["handled", "handled", "handled"]);
  });

  it("texts stored by a replica that died before its wake-up are found by the sweep and answered as one turn", async () => {
    const customer = "+15125557003";
    for (const [i, body] of ["hello", "do you service hondas?"].entries()) {
      await a.baton.deps.store.recordInbound({
        dealershipId: "main",
        from: customer,
        body,
        providerId: `SM${String(7200 + i).padStart(32, "0")}`,
        numMedia: 0,
        receivedAt: clock.now(),
      });
    }
    clock.advance(61_000);
    await Promise.all([a.baton.runDueWork(), b.baton.runDueWork()]);
    await settle();
    expect(repliesTo(customer)).toHaveLength(1);
    expect(await statuses(customer)).toEqual(["handled", "handled"]);
  });
});
