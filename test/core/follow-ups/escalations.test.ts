import { afterEach, describe, expect, it } from "vitest";
import { claimConversation } from "../../../src/core/use-cases/claim-conversation.js";
import { MINUTE, startFollowUpHarness, type FollowUpHarness } from "../../helpers/follow-up-harness.js";
import { testStores } from "../../helpers/test-database.js";

const HANDOFF = {
  disposition: "handoff",
  handoffReason: "price",
  reply: "Let me get someone from sales for you.",
  lead: { name: "Dana Reyes" },
} as const;
const JORDAN = { id: "U0JORDAN01", name: "Jordan" };

describe.each(testStores())("escalations managers see (%s)", (kind) => {
  let h: FollowUpHarness;
  afterEach(async () => h?.close());

  async function handOff(start = "2026-03-02T15:00:00Z", options: { knowledge?: Record<string, unknown> } = {}) {
    h = await startFollowUpHarness({ kind, start, ...options });
    h.brain.next(HANDOFF);
    return h.text("what's your best out the door price?");
  }
  const alerts = () => h.chat.managerPosts.filter((p) => p.post.kind === "alert");

  it("re-announces an unclaimed handoff and tells managers at the target, and again at 3× it", async () => {
    await handOff();
    const card = h.chat.cards[0]!;
    await h.advance(5 * MINUTE - 1000);
    expect(alerts()).toHaveLength(0);
    await h.advance(1000);
    expect(alerts()).toHaveLength(1);
    const [first] = alerts();
    expect(first!.post.text).toContain("waiting 5m (target 5m)");
    expect(first!.post.text).toContain("Dana");
    expect(first!.post.thread).toEqual({ chat: "recording", channel: "C0TEST", ts: "1.0001" }); // the card, for a link
    const reannounced = h.chat.posts.find((p) => p.post.broadcast);
    expect(reannounced?.post.text).toContain("Still unclaimed");
    expect(card.conversationId).toBeTruthy();

    await h.advance(10 * MINUTE);
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1]!.post.text).toContain("waiting 15m (3× the 5m target)");
    await h.advance(24 * 60 * MINUTE);
    expect(alerts()).toHaveLength(2);
    const events = await h.db.prisma.conversationEvent.findMany({ where: { type: "escalated" } });
    expect(events.map((e) => (e.data as { step: number }).step).sort()).toEqual([1, 2]);
  });

  it("stops when someone claims", async () => {
    const conversationId = await handOff();
    await h.advance(3 * MINUTE);
    await claimConversation(h.deps, conversationId, JORDAN);
    await h.advance(60 * MINUTE);
    expect(alerts()).toHaveLength(0);
    expect(await h.pendingJobs("escalation")).toEqual([]);
  });

  it("counts the wait in business hours: a handoff at 20:58 escalates at 08:03 the next morning", async () => {
    await handOff("2026-03-03T02:58:00Z"); // Monday 20:58 CST; the sending window closes at 21:00
    const due = (await h.pendingJobs("escalation")).map((j) => j.dueAt.toISOString());
    expect(due).toEqual(["2026-03-03T14:03:00.000Z", "2026-03-03T14:13:00.000Z"]);
    await h.advanceTo("2026-03-03T14:03:00Z");
    expect(alerts()[0]!.post.text).toMatch(/waiting 11h 5m \(5m in business hours\)/);
  });

  it("uses the department's opening hours and holidays from the knowledge file", async () => {
    const knowledge = {
      departments: [
        { name: "sales", hours: [{ days: ["mon", "tue", "wed", "thu", "fri", "sat"], open: "09:00", close: "20:00" }] },
      ],
      holidays: [{ date: "2026-03-09", name: "Store event" }],
    };
    // Saturday 7 March, 19:58 CST: two minutes before close; Sunday closed; Monday a holiday.
    await handOff("2026-03-08T01:58:00Z", { knowledge });
    const [first] = await h.pendingJobs("escalation");
    expect(first!.dueAt).toEqual(new Date("2026-03-10T14:03:00Z")); // Tuesday 09:03 CDT
  });

  it("flags frustration on the card and copies it to managers at once, once", async () => {
    h = await startFollowUpHarness({ kind, start: "2026-03-02T15:00:00Z" });
    h.brain.next({
      ...HANDOFF,
      handoffReason: "complaint",
      frustration: 0.9,
      summary: "Car still not fixed after two visits.",
    });
    await h.text("This is the third time my car is not fixed. Ridiculous.");
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]!.post.text).toContain("Flagged: complaint");
    expect(alerts()[0]!.post.text).toContain("Car still not fixed");
    expect(h.chat.cards.at(-1)!.flag).toBe("complaint");
    h.brain.next({ disposition: "follow_up", frustration: 0.95, reply: "Someone is on the way." });
    await h.text("hello??");
    expect(alerts()).toHaveLength(1);
  });

  it("says so in the thread when the dealership has no manager channel", async () => {
    await handOff();
    h.chat.hasManagerChannel = false;
    await h.advance(5 * MINUTE);
    expect(h.chat.posts.some((p) => p.post.text.includes("No manager channel is set"))).toBe(true);
  });
});
