import { describe, expect, it } from "vitest";
import { splitAtConsent } from "../../../src/core/conversation/split-turn.js";
import { MAX_WAIT_WINDOWS, turnDue, turnDueAt } from "../../../src/core/conversation/turn-timing.js";

describe("a burst of texts as one turn", () => {
  const timing = { coalesceMs: 3000 };
  const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 15, 0, s));

  it("is due once the customer paused for the window, or after ten windows of typing", () => {
    expect(turnDue(timing, at(30))).toEqual({ quietSince: at(27), waitingSince: at(0) });
    expect(turnDueAt(timing, { firstAt: at(0), lastAt: at(5) })).toEqual(at(8));
    expect(turnDueAt(timing, { firstAt: at(0), lastAt: at(29) })).toEqual(at(3 * MAX_WAIT_WINDOWS));
  });

  it("answers the texts between consent words together, and each consent word on its own, in order", () => {
    const isConsent = (t: string) => /^(stop|start|help)$/i.test(t);
    expect(splitAtConsent(["hi", "is it blue?", "what miles?"], isConsent)).toEqual([
      ["hi", "is it blue?", "what miles?"],
    ]);
    expect(splitAtConsent(["hi", "STOP", "START", "price?", "color?"], isConsent)).toEqual([
      ["hi"],
      ["STOP"],
      ["START"],
      ["price?", "color?"],
    ]);
    expect(splitAtConsent(["HELP"], isConsent)).toEqual([["HELP"]]);
  });
});
