import { afterEach, describe, expect, it } from "vitest";
import { HOUR, MINUTE, startFollowUpHarness, type FollowUpHarness } from "../../helpers/follow-up-harness.js";
import { testStores } from "../../helpers/test-database.js";

describe.each(testStores())("quiet hours and pace in the SmsGateway (%s)", (kind) => {
  let h: FollowUpHarness;
  afterEach(async () => h?.close());

  it("answers a customer who texts at night at once, but holds the nudge to 08:00 local, across the spring-forward change", async () => {
    // Saturday 7 March 2026, 23:30 CST in Chicago. Clocks go forward at 02:00 on Sunday 8 March.
    h = await startFollowUpHarness({ kind, start: "2026-03-08T05:30:00Z" });
    await h.text("is the truck still there");
    expect(h.texts()).toHaveLength(1); // a direct reply is never held back

    await h.advance(4 * HOUR); // 04:30 CDT: the nudge is due, but it is night
    expect(h.texts()).toHaveLength(1);
    const [deferred] = await h.pendingJobs("nudge");
    // 08:00 CDT (UTC-5) is 13:00Z; the same local time a day earlier was 14:00Z.
    expect(deferred!.dueAt).toEqual(new Date("2026-03-08T13:00:00Z"));

    await h.advanceTo("2026-03-08T12:59:00Z");
    expect(h.texts()).toHaveLength(1);
    await h.advanceTo("2026-03-08T13:00:00Z");
    expect(h.texts()).toHaveLength(2);
  });

  it("holds to 08:00 standard time after the autumn change (a 25-hour night)", async () => {
    // Sunday 1 November 2026, 01:30 CDT, the first of the two 01:30s.
    h = await startFollowUpHarness({
      kind,
      start: "2026-11-01T06:30:00Z",
      settings: { nudgeCadenceMs: [30 * MINUTE] },
    });
    await h.text("hello?");
    await h.advance(30 * MINUTE);
    const [deferred] = await h.pendingJobs("nudge");
    expect(deferred!.dueAt).toEqual(new Date("2026-11-01T14:00:00Z")); // 08:00 CST, UTC-6
    await h.advanceTo("2026-11-01T14:00:00Z");
    expect(h.texts()).toHaveLength(2);
  });

  it("uses the dealership's own zone and window", async () => {
    // 07:10 in London is inside a 07:00–20:00 window; 01:10 in Chicago would not be.
    h = await startFollowUpHarness({
      kind,
      start: "2026-06-10T05:10:00Z",
      timezone: "Europe/London",
      settings: { nudgeCadenceMs: [HOUR], sendingWindow: { startMinute: 7 * 60, endMinute: 20 * 60 } },
    });
    await h.text("hi");
    await h.advance(HOUR); // 07:10 BST
    expect(h.texts()).toHaveLength(2);
    h.brain.next({ reply: "Anything else I can help with?" });
    await h.advanceTo("2026-06-10T18:30:00Z"); // 19:30 BST
    await h.text("one more thing");
    await h.advance(HOUR); // 20:30 BST: held until 07:00 BST (06:00Z)
    expect((await h.pendingJobs("nudge"))[0]!.dueAt).toEqual(new Date("2026-06-11T06:00:00Z"));
  });

  it("spreads a backlog released at the window's start at the dealership's rate, not in one burst", async () => {
    // 22:30 CST: five customers are asked something; their nudges fall due in the night.
    h = await startFollowUpHarness({ kind, start: "2026-03-03T04:30:00Z", settings: { smsRatePerMinute: 2 } });
    for (let i = 0; i < 5; i++) await h.text("hi", `+1512555020${i}`);
    await h.advance(4 * HOUR);
    const due = (await h.pendingJobs("nudge")).map((j) => j.dueAt.toISOString());
    expect(due).toEqual(
      ["14:00:00", "14:00:30", "14:01:00", "14:01:30", "14:02:00"].map((t) => `2026-03-03T${t}.000Z`),
    );

    await h.advanceTo("2026-03-03T14:00:00Z");
    expect(h.texts()).toHaveLength(5 + 1);
    await h.advanceTo("2026-03-03T14:01:00Z");
    expect(h.texts()).toHaveLength(5 + 3);
    await h.advanceTo("2026-03-03T14:02:00Z");
    expect(h.texts()).toHaveLength(5 + 5);
  });

  it("paces inside the window too: the next slot, then the text goes without queueing again", async () => {
    h = await startFollowUpHarness({
      kind,
      start: "2026-03-03T15:00:00Z",
      settings: { smsRatePerMinute: 1, nudgeCadenceMs: [HOUR] },
    });
    await h.text("a", "+15125550201");
    await h.text("b", "+15125550202");
    const result = await h.advance(HOUR);
    expect(result).toMatchObject({ done: 1, deferred: 1 });
    const [held] = await h.pendingJobs("nudge");
    expect(held!.dueAt).toEqual(new Date("2026-03-03T16:01:00Z"));
    await h.advance(MINUTE);
    expect(h.texts()).toHaveLength(4);
  });
});
