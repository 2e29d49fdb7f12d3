import { describe, expect, it } from "vitest";
import { computeDigest, formatDigest, percentile, type DigestRows } from "../../../src/core/follow-up/digest.js";

const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);
const s = (n: number) => n * 1000;

describe("the daily digest, from rows", () => {
  it("takes nearest-rank percentiles", () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([10, 2, 4], 50)).toBe(4);
    expect(percentile([10, 2, 4], 90)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });

  it("computes every figure from a known day", () => {
    const rows: DigestRows = {
      firstTexts: [
        { conversationId: "a", receivedAt: at("14:00:00"), respondedAt: at("14:00:02") },
        { conversationId: "b", receivedAt: at("15:00:00"), respondedAt: at("15:00:04") },
        { conversationId: "c", receivedAt: at("16:00:00"), respondedAt: at("16:00:10") },
        { conversationId: "d", receivedAt: at("17:00:00") }, // never answered (opted out at once)
      ],
      inbound: [
        { conversationId: "a", at: at("14:00:00") },
        { conversationId: "b", at: at("15:00:00") },
        { conversationId: "c", at: at("16:00:00") },
        { conversationId: "d", at: at("17:00:00") },
        { conversationId: "a", at: at("19:30:00") }, // after a's nudge: answered
        { conversationId: "c", at: at("15:59:00") }, // before c's nudge: does not count
      ],
      nudges: [
        { conversationId: "a", at: at("18:00:00") },
        { conversationId: "c", at: at("20:00:00") },
      ],
      events: [
        { conversationId: "a", type: "handoff_requested", at: at("14:01:00") },
        { conversationId: "a", type: "claimed", at: at("14:04:00") },
        { conversationId: "b", type: "handoff_requested", at: at("15:01:00") },
        { conversationId: "b", type: "claimed", at: at("15:21:00") },
        { conversationId: "c", type: "handoff_requested", at: at("16:01:00") },
        { conversationId: "a", type: "handoff_requested", at: at("19:31:00") }, // handed back, needed again: claimed at 19:32
        { conversationId: "a", type: "claimed", at: at("19:32:00") },
        { conversationId: "d", type: "opted_out", at: at("17:00:00") },
      ],
      stillUnclaimed: 1,
    };
    expect(computeDigest(rows)).toEqual({
      textsReceived: 6,
      firstResponseMedianMs: s(4),
      firstResponseP90Ms: s(10),
      handoffs: 4,
      handoffConversations: 3,
      claimMedianMs: s(180), // waits 3m, 20m, 1m
      claimP90Ms: s(1200),
      stillUnclaimed: 1,
      optOuts: 1,
      nudgesSent: 2,
      customersAnsweredNudge: 1,
    });
  });

  it("reads as a few short lines", () => {
    const text = formatDigest(
      "Maple Ridge Motors",
      "Mon, Mar 2",
      computeDigest({ firstTexts: [], inbound: [], nudges: [], events: [], stillUnclaimed: 0 }),
    );
    expect(text.split("\n")).toEqual([
      "*Daily digest · Maple Ridge Motors · Mon, Mar 2*",
      "• Texts received: 0",
      "• Time to first response: n/a",
      "• Handoffs: 0 · time to claim: n/a · still unclaimed: 0",
      "• Opt-outs: 0",
      "• Nudges sent: 0 · customers who answered one: 0",
    ]);
  });

  it("says how many conversations the handoffs were in when a conversation was handed off twice", () => {
    const events = [
      { conversationId: "a", type: "handoff_requested", at: at("14:01:00") },
      { conversationId: "a", type: "handoff_requested", at: at("15:01:00") }, // handed back, needed again: the same card
      { conversationId: "b", type: "handoff_requested", at: at("16:01:00") },
    ];
    const text = formatDigest(
      "Maple Ridge Motors",
      "Mon, Mar 2",
      computeDigest({ firstTexts: [], inbound: [], nudges: [], events, stillUnclaimed: 2 }),
    );
    expect(text).toContain("• Handoffs: 3 in 2 conversations · ");
  });

  it("counts missed calls, those texted back and how fast, and those recovered (the caller texted after the text-back)", () => {
    const calls = [
      { endedAt: at("14:00:00"), textedBackAt: at("14:00:02"), repliedAt: at("14:05:00") },
      { endedAt: at("15:00:00"), textedBackAt: at("15:00:06") }, // never replied
      { endedAt: at("16:00:00"), textedBackAt: at("16:00:04"), repliedAt: at("23:59:59") },
      { endedAt: at("17:00:00") }, // opted out: not texted
    ];
    const figures = computeDigest({ firstTexts: [], inbound: [], nudges: [], events: [], stillUnclaimed: 0, calls });
    expect(figures.calls).toEqual({ missed: 4, textedBack: 3, recovered: 2, textBackMedianMs: s(4) });
    expect(formatDigest("Maple Ridge Motors", "Mon, Mar 2", figures)).toContain(
      "• Missed calls: 4 · texted back: 3 (median 4s after the call) · recovered by text: 2",
    );
    // A day without calls says nothing about them.
    const none = computeDigest({ firstTexts: [], inbound: [], nudges: [], events: [], stillUnclaimed: 0, calls: [] });
    expect(none.calls).toBe(undefined);
  });
});
