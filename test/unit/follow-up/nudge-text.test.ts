import { describe, expect, it } from "vitest";
import { describeLead } from "../../../src/core/follow-up/describe-lead.js";
import { findQuestion, writeNudge } from "../../../src/core/follow-up/nudge-text.js";
import { writeAppointmentReminder, writeRepFollowUp } from "../../../src/core/follow-up/reminder-text.js";

const dana = describeLead({ name: "Dana Reyes", vehicle: { year: 2024, make: "Toyota", model: "Tacoma" } }, "sales");
const input = (attempt: number, alreadySent: string[] = []) => ({
  attempt,
  total: 3,
  question: "What day works for a test drive?",
  context: dana,
  dealershipName: "Maple Ridge Motors",
  alreadySent: new Set(alreadySent),
});

describe("nudge texts", () => {
  it("finds the open question in the AI's reply", () => {
    expect(findQuestion("It is on the lot! What day works for a test drive?")).toBe("What day works for a test drive?");
    expect(findQuestion("We open at 9.")).toBeUndefined();
  });

  it("does not count a courtesy closer as a question to chase", () => {
    expect(findQuestion("You're welcome! Anything else we can help with?")).toBeUndefined();
    expect(findQuestion("We open at 9. Anything else I can help with?")).toBeUndefined();
    expect(findQuestion("Abrimos a las 9. ¿Le puedo ayudar en algo más?")).toBeUndefined();
    expect(findQuestion("Abrimos a las 9. ¿Qué día le queda bien?")).toBe("¿Qué día le queda bien?");
    expect(findQuestion("Is it the SR5? Or the TRD? Let me know.")).toBe("Or the TRD?");
  });

  it("uses what is known: the name, the vehicle, the question; the last one closes the loop and says how to stop", () => {
    expect(writeNudge(input(1))).toBe(
      "Hi Dana, just checking back about the 2024 Toyota Tacoma. What day works for a test drive?",
    );
    expect(writeNudge(input(2))).toContain("Tacoma");
    expect(writeNudge(input(3))).toMatch(/Reply STOP to opt out\.$/);
    const stranger = writeNudge({ ...input(1), context: describeLead({}, "general"), question: undefined });
    expect(stranger).toBe("Hi, just checking back. Anything I can help with?");
  });

  it("never repeats a text the customer already got, however long the relationship", () => {
    const sent: string[] = [];
    for (let silence = 0; silence < 20; silence++) {
      for (let attempt = 1; attempt <= 3; attempt++) sent.push(writeNudge(input(attempt, sent)));
    }
    expect(new Set(sent).size).toBe(60);
  });

  it("writes service and department subjects without inventing a vehicle", () => {
    expect(describeLead({}, "service").subject).toBe("your service visit");
    expect(describeLead({ vehicle: { make: "Honda", model: "Civic" } }, "service").subject).toBe("your Honda Civic");
  });
});

describe("reminder and follow-up texts", () => {
  it("says when in the dealership's zone, with the address", () => {
    const base = {
      kind: "service" as const,
      at: new Date("2026-03-05T14:30:00Z"),
      timezone: "America/Chicago",
      dealershipName: "Maple Ridge Motors",
      address: "100 Maple Ridge Rd",
      context: describeLead({}, "service"),
    };
    expect(writeAppointmentReminder({ ...base, now: new Date("2026-03-04T14:30:00Z"), leadTimeMs: 86_400_000 })).toBe(
      "Hi, a reminder of your service appointment at Maple Ridge Motors tomorrow at 8:30 AM. We're at 100 Maple Ridge Rd. Reply here if you need to change it.",
    );
    expect(
      writeAppointmentReminder({
        ...base,
        now: new Date("2026-03-02T14:30:00Z"),
        leadTimeMs: 3 * 86_400_000,
        address: undefined,
      }),
    ).toBe(
      "Hi, a reminder of your service appointment at Maple Ridge Motors on Thu, Mar 5 at 8:30 AM. Reply here if you need to change it.",
    );
  });

  it("follows up in the rep's first name, with their words or a question", () => {
    expect(writeRepFollowUp({ repName: "Jordan Reyes", dealershipName: "Maple Ridge Motors", context: dana })).toBe(
      "Hi Dana, it's Jordan at Maple Ridge Motors, following up about the 2024 Toyota Tacoma. Any questions I can answer, or a good time to talk?",
    );
  });
});
