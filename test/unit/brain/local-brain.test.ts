import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLocalBrain } from "../../../src/adapters/brain/local/index.js";
import { checkReply } from "../../../src/core/brain/guardrails.js";
import { measureSms } from "../../../src/core/compliance/sms-segments.js";
import { KnowledgeSchema } from "../../../src/core/knowledge/knowledge.js";
import type { BrainInput, HistoryEntry, LeadFields } from "../../../src/core/ports/brain.js";

const knowledge = KnowledgeSchema.parse(
  JSON.parse(readFileSync(new URL("../../../src/config/samples/knowledge.sample.json", import.meta.url), "utf8")),
);
// Wednesday 11 June 2025, 10:00 in Fort Worth (America/Chicago, UTC-5).
const WEDNESDAY_10AM = new Date("2025-06-11T15:00:00Z");
const brain = createLocalBrain();

function ask(
  text: string,
  extra: { history?: HistoryEntry[]; lead?: LeadFields; now?: Date; handoffPending?: boolean } = {},
) {
  const input: BrainInput = {
    text,
    history: extra.history ?? [],
    lead: extra.lead ?? {},
    knowledge,
    now: extra.now ?? WEDNESDAY_10AM,
    handoffPending: extra.handoffPending,
  };
  return brain.decide(input);
}

describe("local brain: department and handoff", () => {
  it.each([
    ["is the white 2024 Tacoma TRD still there?", "sales", false],
    ["Can I come test drive the Bronco Sport tmrw after 5?", "sales", false],
    ["whats the lowest u can go on the silver pilot", "sales", true],
    ["what would you give me for my 2017 Civic with 80k miles", "sales", true],
    ["What's the APR on a 72 month loan for the Camry?", "finance", true],
    ["what would my monthly payment be on the rav4 with 3k down", "finance", true],
    ["need an oil change this week for my 2020 camry, what do u have open", "service", false],
    ["is my car ready? RO 4471", "service", false],
    ["You guys have had my car for 2 weeks and its STILL not ready?? RO 4471 this is ridiculous", "service", true],
    ["check engine light is flashing and the car is shaking, is it safe to drive it there?", "service", true],
    ["do you have OEM wiper blades for a 2019 Camry", "parts", false],
    ["how much is a cabin air filter for a 2021 CR-V", "parts", false],
    ["can you do any better on the price of the running boards? they're cheaper online", "parts", true],
    ["What are the service department hours?", "general", false],
    ["what street are you guys on", "general", false],
    ["I'm filing a complaint with the attorney general", "general", true],
    ["great, thanks!", "general", false],
  ] as const)("%j → %s, handoff %s", async (text, department, handoff) => {
    const decision = await ask(text);
    expect(decision.department).toBe(department);
    expect(decision.disposition === "handoff").toBe(handoff);
    if (handoff) expect(decision.handoffReason).toBeDefined();
  });

  it("gives the reason a rep needs", async () => {
    expect((await ask("blue book says my explorer is worth 18k, will u honor that on trade")).handoffReason).toBe(
      "trade_in",
    );
    expect((await ask("Is it a hard or soft pull when you run my credit")).handoffReason).toBe("financing");
    expect((await ask("what's your doc fee")).handoffReason).toBe("price");
    expect((await ask("grease all over my seats after the brake job. seriously?")).handoffReason).toBe("complaint");
  });

  it("scores frustration from calm to furious", async () => {
    expect((await ask("Hi, what time do you close?")).frustration).toBe(0);
    expect((await ask("this is ridiculous, STILL not fixed?? worst service ever")).frustration).toBeGreaterThanOrEqual(
      0.9,
    );
  });
});

describe("local brain: what it learns from the text", () => {
  it("reads year, make, model and trim, also misspelt and abbreviated", async () => {
    expect((await ask("is the white 2024 Tacoma TRD still there?")).lead.vehicle).toMatchObject({
      year: 2024,
      make: "Toyota",
      model: "Tacoma",
      trim: "TRD",
    });
    expect((await ask("any camerys on the lot?")).lead.vehicle).toMatchObject({ make: "Toyota", model: "Camry" });
    expect((await ask("my '19 silverado needs brakes")).lead.vehicle).toMatchObject({
      year: 2019,
      make: "Chevrolet",
      model: "Silverado",
    });
    expect((await ask("can i get an escape from this heat")).lead.vehicle).toBeUndefined();
  });

  it("reads stock numbers and VINs", async () => {
    expect((await ask("Hi, I saw stock #MR4127 on your website")).lead.vehicle).toMatchObject({
      stock: "MR4127",
      model: "Tacoma",
    });
    expect((await ask("recall check for VIN 3TMLB5JN7RM012741 please")).lead.vehicle).toMatchObject({
      vin: "3TMLB5JN7RM012741",
    });
  });

  it("keeps a trade-in apart from the vehicle wanted", async () => {
    const { lead } = await ask("I want to trade my 2016 Accord with 110k miles for the grey highlander");
    expect(lead.tradeIn).toMatchObject({ year: 2016, make: "Honda", model: "Accord", mileage: 110000 });
    expect(lead.vehicle).toMatchObject({ model: "Highlander" });
  });

  it.each([
    ["Can I come test drive the Bronco Sport tmrw after 5?", "tomorrow after 5", "2025-06-12T17:00:00-05:00"],
    ["can I bring it in Sat morning", "sat morning", "2025-06-14T09:00:00-05:00"],
    ["next tues at 10am works", "next tues at 10am", "2025-06-17T10:00:00-05:00"],
    ["can i swing by tonight", "tonight", "2025-06-11T18:00:00-05:00"],
    ["maybe this weekend", "this weekend", "2025-06-14"],
  ])("resolves %j in the store's time zone", async (text, timing, timingAt) => {
    expect((await ask(text)).lead).toMatchObject({ timing, timingAt });
  });

  it("takes a name only when the customer gives one", async () => {
    expect((await ask("Hi this is Dana, just checking on my Highlander")).lead.name).toBe("Dana");
    expect((await ask("My parts order, did it come in? name is Kevin Ruiz")).lead.name).toBe("Kevin Ruiz");
    expect((await ask("I'm outside, which door do I go in?")).lead.name).toBeUndefined();
    expect((await ask("this is useless")).lead.name).toBeUndefined();
    expect((await ask("send it to dana.r@example.com")).lead.email).toBe("dana.r@example.com");
  });
});

describe("local brain: answers from the knowledge, and only from it", () => {
  it("knows whether the store is open now, tomorrow, on a day off and on a holiday", async () => {
    expect((await ask("what time do you close today")).reply).toMatch(/^Sales is open now, until 8 PM today\./);
    expect((await ask("what time does service open tomorrow?")).reply).toMatch(
      /^Service opens|^Service is open tomorrow 7 AM-6 PM/,
    );
    expect((await ask("are you open sunday")).reply).toMatch(/closed on Sunday/);
    expect((await ask("Are you guys open on Memorial Day?")).reply).toMatch(/^We're closed on Memorial Day/);
    const late = new Date("2025-06-12T02:00:00Z"); // Wednesday 21:00 local
    expect((await ask("are you open right now?", { now: late })).reply).toMatch(/closed for today/);
  });

  it("gives the address, directions and phone numbers it has", async () => {
    expect((await ask("what's your address?")).reply).toContain("4810 Ridgeline Parkway");
    expect((await ask("how do i get to you from I-35?")).reply).toContain("exit 45");
    expect((await ask("do you have a number for the service department")).reply).toContain("(817) 555-0142");
  });

  it("answers from the FAQ", async () => {
    expect((await ask("do you have wifi in the waiting area")).reply).toContain("free wifi");
    expect((await ask("can i return a part i didnt use? have receipt")).reply).toContain("within 30 days");
  });

  it("says what the inventory says, never a price, and never invents a vehicle", async () => {
    const listed = await ask("is the white 2024 Tacoma TRD still there?");
    expect(listed.reply).toContain("(stock MR4127) is available");
    expect(listed.reply).not.toMatch(/\$|41,990/);
    const transit = await ask("is the red camry there?");
    expect(transit.reply).toContain("on its way to us");
    const missing = await ask("do you have the 2024 Civic hatch in blue?");
    expect(missing.reply).toMatch(/I don't see a 2024 Honda Civic/);
    expect(checkReply(missing.reply, { text: "x", knowledge }).ok).toBe(true);
  });

  it("offers to have a person text when a vehicle on its way arrives, instead of booking a visit to see it", async () => {
    const transit = await ask("is the red camry there?");
    expect(transit.reply).toContain("on its way to us");
    expect(transit.reply).not.toMatch(/come see|what day and time/i);
    expect(transit.reply).toMatch(/text you when it arrives\? Just reply yes\.$/);
    const yes = await ask("yes please", {
      history: [
        { author: "customer", body: "is the red camry there?" },
        { author: "ai", body: transit.reply },
      ],
    });
    expect(yes.disposition).toBe("handoff");
    const es = await ask("¿todavía tienen el camry rojo?");
    expect(es.reply).toMatch(/camino/);
    expect(es.reply).not.toMatch(/venir a verlo/);
  });

  it("gathers the RO or name for a repair status instead of guessing one", async () => {
    expect((await ask("is my car ready? RO 4471")).reply).toContain("RO 4471");
    expect((await ask("is my car done yet?")).reply).toMatch(/name and the RO number/);
  });

  it("asks one question at a time to book a visit", async () => {
    expect((await ask("want to test drive something this weekend")).reply).toMatch(/Which vehicle/);
    expect((await ask("can I test drive the grey highlander")).reply).toMatch(/What day and time/);
    const named = await ask("Saturday at 10 works", {
      history: [{ author: "customer", body: "can I test drive the grey highlander" }],
      lead: { vehicle: { model: "Highlander" } },
    });
    expect(named).toMatchObject({ department: "sales", intent: "test_drive" });
    expect(named.reply).toMatch(/What name should I put down\?/);
  });

  it("hands off with a reply that promises nothing", async () => {
    const decision = await ask("whats your best price on the white tacoma trd");
    expect(decision.reply).toMatch(/a person will text you back/);
    expect(checkReply(decision.reply, { text: "x", knowledge }).ok).toBe(true);
  });

  it("holds the line while a person is on the way: answers what it can, hands off nothing", async () => {
    const routine = await ask("what time do you close today", { handoffPending: true });
    expect(routine).toMatchObject({ disposition: "answer" });
    const money = await ask("can you do 35k otd on the tacoma", { handoffPending: true });
    expect(money.disposition).not.toBe("handoff");
    expect(money.reply).toMatch(/teammate is on the way/);
  });

  it("keeps replies in plain GSM-7 within two segments", async () => {
    for (const text of [
      "hi",
      "is the grey highlander available? can I drive it sat morning",
      "Does the Palisade Calligraphy have captain chairs",
    ]) {
      expect(measureSms((await ask(text)).reply)).toMatchObject({ encoding: "GSM-7" });
      expect(measureSms((await ask(text)).reply).segments).toBeLessThanOrEqual(2);
    }
  });

  it("is deterministic and writes a summary a rep can act on", async () => {
    const text = "Hi this is Dana, how much for my 2012 f150 as a trade? 165k miles";
    const [a, b] = [await ask(text), await ask(text)];
    expect(a).toEqual(b);
    expect(a.summary).toContain("Name: Dana");
    expect(a.summary).toContain("Trade-in: 2012 Ford F-150, 165000 mi");
    expect(a.summary).toContain("Needs a person");
  });
});
