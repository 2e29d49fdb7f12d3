import { afterEach, describe, expect, it } from "vitest";
import { claimConversation } from "../../../src/core/use-cases/claim-conversation.js";
import { MINUTE, startFollowUpHarness, type FollowUpHarness } from "../../helpers/follow-up-harness.js";
import { testStores } from "../../helpers/test-database.js";

const HANDOFF = { disposition: "handoff", handoffReason: "price", reply: "Someone will text you." } as const;
const JORDAN = { id: "U0JORDAN01", name: "Jordan" };

describe.each(testStores())("the daily digest job (%s)", (kind) => {
  let h: FollowUpHarness;
  afterEach(async () => h?.close());

  it("posts the day's figures to the managers at the digest time, computed from the database, and plans tomorrow's", async () => {
    // Monday 2 March 2026, 08:00 CST. Digest at 18:00 local (00:00Z).
    h = await startFollowUpHarness({
      kind,
      start: "2026-03-02T14:00:00Z",
      settings: { nudgeCadenceMs: [4 * 60 * MINUTE] },
    });
    await h.scheduler.planDigests(["main"]);
    await h.scheduler.planDigests(["main"]); // a second replica starting: still one
    expect((await h.pendingJobs("digest")).map((j) => j.dueAt.toISOString())).toEqual(["2026-03-03T00:00:00.000Z"]);

    h.brain.next(HANDOFF, { thinkMs: 2000 });
    const a = await h.text("price on the tacoma?", "+15125550201"); // answered in 2 s, handed off
    await h.advance(3 * MINUTE);
    await claimConversation(h.deps, a, JORDAN); // claimed after 3 m

    h.brain.next(HANDOFF, { thinkMs: 4000 });
    await h.text("trade in value?", "+15125550202"); // 4 s, never claimed

    h.brain.next({ reply: "What day works for you?" }, { thinkMs: 10_000 });
    await h.text("test drive?", "+15125550203"); // 10 s, then a nudge 4 h later, answered
    await h.text("STOP", "+15125550204"); // no answer: an opt-out

    await h.advance(4 * 60 * MINUTE); // the nudge
    await h.advance(30 * MINUTE);
    h.brain.next({ reply: "Great, see you then.", disposition: "answer" });
    await h.text("saturday", "+15125550203");

    await h.advanceTo("2026-03-03T00:00:00Z");
    const digest = h.chat.managerPosts.find((p) => p.post.kind === "report");
    expect(digest?.post.text.split("\n")).toEqual([
      "*Daily digest · Maple Ridge Motors · Mon, Mar 2*",
      "• Texts received: 5",
      "• Time to first response: median 4s, p90 10s",
      "• Handoffs: 2 · time to claim: median 3m, p90 3m · still unclaimed: 1",
      "• Opt-outs: 1",
      "• Nudges sent: 1 · customers who answered one: 1",
    ]);
    expect((await h.pendingJobs("digest")).map((j) => j.dueAt.toISOString())).toEqual(["2026-03-04T00:00:00.000Z"]);

    // The evening after the digest belongs to the next one, and a repeated STOP is one opt-out.
    await h.advance(2 * 60 * MINUTE); // 20:00 local
    h.brain.next({ reply: "We open at 9 tomorrow.", disposition: "answer" });
    await h.text("are you open late?", "+15125550205");
    await h.text("stop texting me", "+15125550204");
    await h.advanceTo("2026-03-04T00:00:00Z");
    const next = h.chat.managerPosts.filter((p) => p.post.kind === "report")[1];
    expect(next?.post.text.split("\n")).toEqual([
      "*Daily digest · Maple Ridge Motors · Tue, Mar 3*",
      "• Texts received: 2",
      "• Time to first response: median 0s, p90 0s",
      "• Handoffs: 0 · time to claim: n/a · still unclaimed: 1",
      "• Opt-outs: 1",
      "• Nudges sent: 0 · customers who answered one: 0",
    ]);
  });
});
