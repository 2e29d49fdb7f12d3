import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLocalBrain } from "../../../src/adapters/brain/local/index.js";
import { guardBrain } from "../../../src/core/brain/guardrails.js";
import { writeSafeReply } from "../../../src/core/brain/safe-replies.js";
import { measureSms } from "../../../src/core/compliance/sms-segments.js";
import { describeReturn } from "../../../src/core/handoff/describe-return.js";
import { KnowledgeSchema } from "../../../src/core/knowledge/knowledge.js";
import type { Brain, BrainDecision, BrainInput } from "../../../src/core/ports/brain.js";

const knowledge = KnowledgeSchema.parse(
  JSON.parse(readFileSync(new URL("../../../src/config/samples/knowledge.sample.json", import.meta.url), "utf8")),
);
// Fort Worth (America/Chicago). Sales: Mon-Fri 9-20, Sat 9-18. Service: Mon-Fri 7-18, Sat 8-14. Closed Sundays.
const SUNDAY_7PM = new Date("2025-06-16T00:00:00Z"); // Sunday 15 June 2025, 19:00 CDT
const WEDNESDAY_10AM = new Date("2025-06-11T15:00:00Z");
const MONDAY_7AM = new Date("2025-06-16T12:00:00Z"); // before sales opens at 9
const SATURDAY_3PM = new Date("2025-06-14T20:00:00Z"); // sales open until 6, service closed since 2
const SUNDAY_BEFORE_LABOR_DAY = new Date("2025-09-01T00:00:00Z"); // Sunday 31 Aug 2025, 19:00 CDT; Labor Day closes service and parts
const NEW_YEARS_EVE_9PM = new Date("2026-01-01T03:00:00Z"); // Wednesday 31 Dec 2025, 21:00 CST; New Year's Day closes the store
const brain = guardBrain(createLocalBrain());

const ask = (text: string, now: Date, extra: Partial<BrainInput> = {}) =>
  brain.decide({ text, history: [], lead: {}, knowledge, now, ...extra });

describe("when people are back (describeReturn)", () => {
  it("is undefined inside the department's hours: a person answers shortly", () => {
    expect(describeReturn({ knowledge, department: "sales", now: WEDNESDAY_10AM, language: "en" })).toBeUndefined();
    expect(describeReturn({ knowledge, department: "sales", now: SATURDAY_3PM, language: "en" })).toBeUndefined();
  });

  it("Sunday evening → Monday at the department's opening, in the store's time zone", () => {
    const sales = describeReturn({ knowledge, department: "sales", now: SUNDAY_7PM, language: "en" });
    expect(sales).toMatchObject({
      at: new Date("2025-06-16T14:00:00Z"),
      sentence: "Our sales team is back Monday at 9 AM and will text you then.",
    });
    expect(describeReturn({ knowledge, department: "service", now: SUNDAY_7PM, language: "en" })?.sentence).toBe(
      "Our service team is back Monday at 7 AM and will text you then.",
    );
    expect(describeReturn({ knowledge, department: "parts", now: SUNDAY_7PM, language: "en" })?.sentence).toBe(
      "Our parts team is back Monday at 7:30 AM and will text you then.",
    );
    // "general" goes by the showroom's hours.
    expect(describeReturn({ knowledge, department: "general", now: SUNDAY_7PM, language: "en" })?.sentence).toBe(
      "Our team is back Monday at 9 AM and will text you then.",
    );
  });

  it("says today for a later opening the same day, and uses each department's own hours", () => {
    expect(describeReturn({ knowledge, department: "sales", now: MONDAY_7AM, language: "en" })?.when).toBe(
      "today at 9 AM",
    );
    expect(describeReturn({ knowledge, department: "service", now: SATURDAY_3PM, language: "en" })?.when).toBe(
      "Monday at 7 AM",
    );
  });

  it("skips a holiday: the store's, or only the department's", () => {
    expect(
      describeReturn({ knowledge, department: "service", now: SUNDAY_BEFORE_LABOR_DAY, language: "en" })?.sentence,
    ).toBe("Our service team is back Tuesday at 7 AM and will text you then.");
    expect(describeReturn({ knowledge, department: "sales", now: SUNDAY_BEFORE_LABOR_DAY, language: "en" })?.when).toBe(
      "Monday at 9 AM",
    );
    expect(describeReturn({ knowledge, department: "sales", now: NEW_YEARS_EVE_9PM, language: "en" })?.when).toBe(
      "Friday at 9 AM",
    );
  });

  it("says it in Spanish", () => {
    expect(describeReturn({ knowledge, department: "sales", now: SUNDAY_7PM, language: "es" })?.sentence).toBe(
      "Nuestro equipo de ventas vuelve el lunes a las 9 AM y le escribirá entonces.",
    );
    expect(
      describeReturn({ knowledge, department: "service", now: SUNDAY_BEFORE_LABOR_DAY, language: "es" })?.when,
    ).toBe("el martes a las 7 AM");
  });

  it("gives the date when the next opening is more than a week away, and knows nothing without hours", () => {
    const shut = KnowledgeSchema.parse({
      ...knowledge,
      holidays: [
        ...knowledge.holidays,
        ...["2025-06-16", "2025-06-17", "2025-06-18", "2025-06-19", "2025-06-20", "2025-06-21"].map((date) => ({
          date,
          name: "Inventory week",
        })),
      ],
    });
    expect(describeReturn({ knowledge: shut, department: "sales", now: SUNDAY_7PM, language: "en" })?.when).toBe(
      "Monday, Jun 23 at 9 AM",
    );
    expect(describeReturn({ knowledge: shut, department: "sales", now: SUNDAY_7PM, language: "es" })?.when).toBe(
      "el lunes 23 de junio a las 9 AM",
    );
    const noHours = KnowledgeSchema.parse({ name: "Somewhere Motors", timezone: "America/Chicago" });
    expect(
      describeReturn({ knowledge: noHours, department: "sales", now: SUNDAY_7PM, language: "en" }),
    ).toBeUndefined();
  });
});

describe("the local brain's handoff replies tell the truth about when a person answers", () => {
  it("Sunday evening: a price question → our sales team is back Monday at 9 AM", async () => {
    const decision = await ask("whats your best price on the white tacoma trd", SUNDAY_7PM);
    expect(decision.disposition).toBe("handoff");
    expect(decision.reply).toBe(
      "Thanks! A person handles pricing like that. Our sales team is back Monday at 9 AM and will text you then.",
    );
    expect(decision.reply).not.toMatch(/shortly/);
  });

  it("inside hours it keeps 'shortly'", async () => {
    const decision = await ask("whats your best price on the white tacoma trd", WEDNESDAY_10AM);
    expect(decision.reply).toBe(
      "Thanks! Pricing like that is handled by our sales team, and a person will text you back here shortly.",
    );
  });

  it("a holiday: a service complaint the night before Labor Day waits for Tuesday", async () => {
    const decision = await ask(
      "You guys have had my car for 2 weeks and its STILL not ready?? RO 4471 this is ridiculous",
      SUNDAY_BEFORE_LABOR_DAY,
    );
    expect(decision).toMatchObject({ disposition: "handoff", department: "service" });
    expect(decision.reply).toMatch(/Our service team is back Tuesday at 7 AM and will text you then\./);
  });

  it("a safety question keeps its advice not to drive", async () => {
    const decision = await ask(
      "check engine light is flashing and the car is shaking, is it safe to drive it there?",
      SUNDAY_7PM,
    );
    expect(decision.reply).toBe(
      "I want a person to answer that safely. Our service team is back Monday at 7 AM and will text you then. If the car seems unsafe, please don't drive it.",
    );
  });

  it("in Spanish: nuestro equipo de ventas vuelve el lunes a las 9 AM", async () => {
    const decision = await ask("¿cuál es su mejor precio en la Tacoma?", SUNDAY_7PM);
    expect(decision.reply).toBe(
      "¡Gracias! Una persona le ayudará con el precio. Nuestro equipo de ventas vuelve el lunes a las 9 AM y le escribirá entonces.",
    );
    expect(measureSms(decision.reply).segments).toBeLessThanOrEqual(2);
  });

  it("while a person is already on the way, the holding reply says when too", async () => {
    const decision = await ask("can you do 35k otd on the tacoma", SUNDAY_7PM, { handoffPending: true });
    expect(decision.reply).toBe("Thanks! Our sales team is back Monday at 9 AM and will reply here then.");
  });
});

describe("the guardrail's code-decided replies tell the truth too", () => {
  it("an ask for a person on Sunday evening, in English and in Spanish", async () => {
    expect((await ask("can I talk to a real person", SUNDAY_7PM)).reply).toBe(
      "Of course. Our team is back Monday at 9 AM and will text you then.",
    );
    expect((await ask("quiero hablar con una persona", SUNDAY_7PM)).reply).toBe(
      "Con gusto. Nuestro equipo vuelve el lunes a las 9 AM y le escribirá entonces.",
    );
    expect((await ask("can I talk to a real person", WEDNESDAY_10AM)).reply).toBe(
      "Of course. A member of our team will text you back here shortly.",
    );
  });

  it("a brain that fails, and a reply that is overruled, on a holiday eve", async () => {
    const failing: Brain = { name: "down", decide: () => Promise.reject(new Error("down")) };
    const failed = await guardBrain(failing).decide({
      text: "is the tacoma available?",
      history: [],
      lead: {},
      knowledge,
      now: NEW_YEARS_EVE_9PM,
    });
    expect(failed.reply).toBe("Thanks for your message! Our team is back Friday at 9 AM and will text you then.");

    const reckless: Brain = {
      name: "reckless",
      decide: async (): Promise<BrainDecision> => ({
        department: "service",
        intent: "repair",
        disposition: "answer",
        reason: "x",
        reply: "That's covered under warranty, guaranteed.",
        lead: {},
        frustration: 0,
        summary: "",
        source: "reckless",
        language: "es",
      }),
    };
    const overruled = await guardBrain(reckless).decide({
      text: "¿la garantía cubre la transmisión?",
      history: [],
      lead: {},
      knowledge,
      now: SUNDAY_BEFORE_LABOR_DAY,
    });
    expect(overruled).toMatchObject({ disposition: "handoff", handoffReason: "guardrail", language: "es" });
    expect(overruled.reply).toBe(
      "Gracias por su mensaje. Nuestro equipo de servicio vuelve el martes a las 7 AM y le escribirá entonces.",
    );
  });

  it("without knowledge of the hours it cannot promise a time, so it says shortly", () => {
    expect(writeSafeReply("asked_for_person", { language: "en" })).toMatch(/shortly\.$/);
    const noHours = KnowledgeSchema.parse({ name: "Somewhere Motors", timezone: "America/Chicago" });
    expect(writeSafeReply("asked_for_person", { knowledge: noHours, department: "sales", now: SUNDAY_7PM })).toMatch(
      /shortly\.$/,
    );
  });
});
