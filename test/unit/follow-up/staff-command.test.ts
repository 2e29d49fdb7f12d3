import { describe, expect, it } from "vitest";
import { findCardLink } from "../../../src/adapters/staff-chat/slack/register-baton-command.js";
import { parseStaffCommand } from "../../../src/core/follow-up/staff-command.js";

describe("/baton commands", () => {
  it("reads a follow-up delay and the rep's words", () => {
    expect(parseStaffCommand("followup 3d Did you see the numbers?", "UTC")).toEqual({
      kind: "followup",
      delayMs: 3 * 86_400_000,
      note: "Did you see the numbers?",
    });
    expect(parseStaffCommand("followup 1d12h", "UTC")).toEqual({
      kind: "followup",
      delayMs: 36 * 3_600_000,
      note: undefined,
    });
    expect(parseStaffCommand("followup tomorrow", "UTC")).toMatchObject({ kind: "invalid" });
    expect(parseStaffCommand("followup 200d", "UTC")).toMatchObject({ kind: "invalid" });
    expect(parseStaffCommand("", "UTC")).toEqual({ kind: "help" });
    expect(parseStaffCommand("dance", "UTC")).toMatchObject({
      kind: "invalid",
      problem: 'Baton does not know "dance".',
    });
  });

  it("reads an appointment in the store's local time, with its kind", () => {
    expect(parseStaffCommand("appointment 2026-03-08 9:30 test drive bring license", "America/Chicago")).toEqual({
      kind: "appointment",
      at: new Date("2026-03-08T14:30:00Z"),
      appointmentKind: "test_drive",
      note: "bring license", // 09:30 CDT, DST day
    });
    expect(parseStaffCommand("appt 2026-03-09 15:00", "America/Chicago")).toMatchObject({ appointmentKind: "visit" });
    expect(parseStaffCommand("appointment friday 3pm", "America/Chicago")).toMatchObject({ kind: "invalid" });
  });

  it("finds the card in a pasted Slack link, top-level or a reply in its thread", () => {
    expect(findCardLink("followup 3d <https://acme.slack.com/archives/C0HANDOFF01/p1700000000000100> call me")).toEqual(
      {
        thread: { chat: "slack", channel: "C0HANDOFF01", ts: "1700000000.000100" },
        rest: "followup 3d call me",
      },
    );
    expect(
      findCardLink(
        "followup 3d https://acme.slack.com/archives/C0HANDOFF01/p1700000000000200?thread_ts=1700000000.000100&cid=C0HANDOFF01",
      )?.thread.ts,
    ).toBe("1700000000.000100");
    expect(findCardLink("followup 3d")).toBeUndefined();
  });
});
