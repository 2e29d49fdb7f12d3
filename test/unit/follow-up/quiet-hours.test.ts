import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isInsideSendingWindow, nextSendingTime } from "../../../src/core/compliance/quiet-hours.js";
import { addBusinessTime, businessTimeBetween, openingHoursFor } from "../../../src/core/follow-up/business-hours.js";
import { KnowledgeSchema } from "../../../src/core/knowledge/knowledge.js";

const WINDOW = { startMinute: 8 * 60, endMinute: 21 * 60 };
const utc = (iso: string) => new Date(iso);

describe("the sending window, in the dealership's own time zone", () => {
  it.each([
    // [zone, now (UTC), inside?, next sending time (UTC)]
    ["America/Chicago", "2026-03-02T13:59:00Z", false, "2026-03-02T14:00:00Z"], // 07:59 CST
    ["America/Chicago", "2026-03-02T14:00:00Z", true, "2026-03-02T14:00:00Z"], // 08:00 CST
    ["America/Chicago", "2026-03-03T02:59:00Z", true, "2026-03-03T02:59:00Z"], // 20:59 CST
    ["America/Chicago", "2026-03-03T03:00:00Z", false, "2026-03-03T14:00:00Z"], // 21:00 CST: tomorrow
    ["America/Chicago", "2026-03-08T07:30:00Z", false, "2026-03-08T13:00:00Z"], // 01:30 CST, clocks spring forward at 02:00
    ["America/Chicago", "2026-11-01T06:30:00Z", false, "2026-11-01T14:00:00Z"], // 01:30 CDT, clocks fall back at 02:00
    ["America/Los_Angeles", "2026-03-02T15:00:00Z", false, "2026-03-02T16:00:00Z"], // 07:00 PST
    ["Europe/London", "2026-03-29T06:30:00Z", false, "2026-03-29T07:00:00Z"], // 07:30 BST on the day the UK springs forward
    ["Australia/Sydney", "2026-04-04T12:00:00Z", false, "2026-04-04T22:00:00Z"], // 23:00 AEDT, then 08:00 AEST (UTC+10) after the change
  ])("%s at %s", (zone, now, inside, next) => {
    expect(isInsideSendingWindow(utc(now), zone, WINDOW)).toBe(inside);
    expect(nextSendingTime(utc(now), zone, WINDOW)).toEqual(utc(next));
    expect(DateTime.fromJSDate(nextSendingTime(utc(now), zone, WINDOW), { zone }).hour).toBeGreaterThanOrEqual(8);
  });
});

describe("business time", () => {
  const window = () => [[WINDOW.startMinute, WINDOW.endMinute]] as [number, number][];

  it("counts only open minutes, across a night", () => {
    const start = utc("2026-03-03T02:58:00Z"); // 20:58 CST
    expect(addBusinessTime(start, 5 * 60_000, "America/Chicago", window)).toEqual(utc("2026-03-03T14:03:00Z"));
    expect(businessTimeBetween(start, utc("2026-03-03T14:03:00Z"), "America/Chicago", window)).toBe(5 * 60_000);
  });

  it("starts at the opening when the handoff comes before it", () => {
    expect(addBusinessTime(utc("2026-03-02T12:00:00Z"), 5 * 60_000, "America/Chicago", window)).toEqual(
      utc("2026-03-02T14:05:00Z"),
    );
  });

  it("reads a department's hours and holidays from the knowledge file, the showroom's for general", () => {
    const knowledge = KnowledgeSchema.parse({
      name: "M",
      timezone: "America/Chicago",
      departments: [
        {
          name: "sales",
          hours: [
            { days: ["mon", "tue", "wed", "thu", "fri"], open: "09:00", close: "19:00" },
            { days: ["sat"], open: "10:00", close: "16:00" },
          ],
        },
        { name: "service", hours: [{ days: ["mon", "tue", "wed", "thu", "fri"], open: "07:00", close: "18:00" }] },
      ],
      holidays: [{ date: "2026-03-02", name: "Training day", departments: ["service"] }],
    });
    const monday = DateTime.fromISO("2026-03-02", { zone: "America/Chicago" });
    expect(openingHoursFor(knowledge, "service", WINDOW)(monday)).toEqual([]);
    expect(openingHoursFor(knowledge, "general", WINDOW)(monday)).toEqual([[540, 1140]]);
    expect(openingHoursFor(knowledge, "parts", WINDOW)(monday.plus({ days: 5 }))).toEqual([[600, 960]]);
    const friday7pm = utc("2026-03-07T00:58:00Z"); // Friday 18:58 CST, sales closes at 19:00
    expect(
      addBusinessTime(friday7pm, 5 * 60_000, "America/Chicago", openingHoursFor(knowledge, "sales", WINDOW)),
    ).toEqual(utc("2026-03-07T16:03:00Z")); // Saturday 10:03
  });

  it("falls back to wall time when nothing is open for two weeks, so nothing waits forever", () => {
    const start = utc("2026-03-02T15:00:00Z");
    expect(addBusinessTime(start, 60_000, "America/Chicago", () => [])).toEqual(utc("2026-03-02T15:01:00Z"));
  });
});
