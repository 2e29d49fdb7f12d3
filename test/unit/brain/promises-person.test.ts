import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createLocalBrain } from "../../../src/adapters/brain/local/index.js";
import { readKnowledgeFile, SAMPLE_KNOWLEDGE } from "../../../src/cli/read-knowledge-file.js";
import { guardBrain } from "../../../src/core/brain/guardrails.js";
import { promisesPerson } from "../../../src/core/brain/promises-person.js";
import { measureSms } from "../../../src/core/compliance/sms-segments.js";
import type { BrainInput, LeadFields } from "../../../src/core/ports/brain.js";
import { ScriptedBrain } from "../../helpers/scripted-brain.js";

const knowledge = readKnowledgeFile(SAMPLE_KNOWLEDGE);
const corpus = fileURLToPath(new URL("../../../src/adapters/judge/ngram/corpus/", import.meta.url));
const texts = readdirSync(corpus)
  .filter((f) => f.endsWith(".jsonl"))
  .flatMap((f) =>
    readFileSync(corpus + f, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
const input = (text: string, lead: LeadFields = {}, extra: Partial<BrainInput> = {}): BrainInput => ({
  text,
  history: [],
  lead,
  knowledge,
  now: new Date("2025-06-11T15:00:00Z"),
  ...extra,
});

describe("no reply promises a person unless a person is told", () => {
  it("recognises a promise in English and Spanish, and not an offer or a fact", () => {
    for (const reply of [
      "Thanks! Our parts team will check that for your Camry and text you back shortly.",
      "I've passed RO 4471 to our service team.",
      "A teammate will text you to set the exact time.",
      "Una persona del equipo le escribirá por aquí en breve.",
      "Nuestro equipo de servicio se comunicará con usted.",
    ])
      expect(promisesPerson(reply), reply).toBe(true);
    for (const reply of [
      "I can't see parts stock from here, but our parts team can check that for your Camry. Want them to text you? Just reply yes.",
      "We're open 9 AM to 7 PM today. Anything else I can help with?",
      "Our service department opens at 7 AM.",
    ])
      expect(promisesPerson(reply), reply).toBe(false);
  });

  it("turns any brain's promise into a handoff, and leaves it when a person is already on the way", async () => {
    const promise = {
      disposition: "follow_up" as const,
      reply: "Thanks! Our service team will text you an update shortly.",
    };
    const guarded = guardBrain(new ScriptedBrain().next(promise).next(promise));
    const fresh = await guarded.decide(input("is my car ready?"));
    expect(fresh).toMatchObject({ disposition: "handoff", handoffReason: "follow_through" });
    const pending = await guarded.decide(input("is my car ready?", {}, { handoffPending: true }));
    expect(pending.disposition).toBe("follow_up");
  });

  // Every reply path of the local brain, walked with every corpus text and the lead states that
  // reach the closing lines ("I've noted Saturday for the Tacoma…").
  it("walks every local-brain reply: each that promises a person raises the card", async () => {
    const brain = guardBrain(createLocalBrain());
    const leads: LeadFields[] = [
      {},
      { name: "Dana Diaz", vehicle: { make: "Toyota", model: "Tacoma", year: 2024 }, timing: "Saturday at 10" },
    ];
    let promises = 0;
    for (const lead of leads) {
      for (const text of texts) {
        const decision = await brain.decide(input(text, lead));
        if (!promisesPerson(decision.reply)) continue;
        promises += 1;
        expect(decision.disposition, `${text} → ${decision.reply}`).toBe("handoff");
      }
    }
    expect(promises).toBeGreaterThan(100); // the walk reached the promising replies
  }, 120_000);

  it("an offer the customer accepts raises the card", async () => {
    const brain = guardBrain(createLocalBrain());
    const offer = await brain.decide(input("do you have OEM wiper blades for a 2019 Camry"));
    expect(offer.disposition).not.toBe("handoff");
    expect(offer.reply).toMatch(/Just reply yes\.$/);
    const yes = await brain.decide(
      input(
        "yes please",
        {},
        {
          history: [
            { author: "customer", body: "do you have OEM wiper blades for a 2019 Camry" },
            { author: "ai", body: offer.reply },
          ],
        },
      ),
    );
    expect(yes).toMatchObject({ disposition: "handoff", handoffReason: "follow_through" });
    expect(promisesPerson(yes.reply)).toBe(true);
  });
});

describe("an offer of a person, in Spanish", () => {
  it("fits two SMS segments with a long model name, keeps its closing line, and 'Sí' accepts it", async () => {
    const brain = guardBrain(createLocalBrain());
    const ask = "¿tienen el filtro de aire para una Silverado 1500 2019?";
    const offer = await brain.decide(input(ask, {}, { language: "es" }));
    expect(offer.reply).toMatch(/Solo responda sí\.$/);
    expect(measureSms(offer.reply).segments).toBeLessThanOrEqual(2);
    for (const yes of ["Sí", "sí, por favor", "Si gracias"]) {
      const accepted = await brain.decide(
        input(
          yes,
          {},
          {
            language: "es",
            history: [
              { author: "customer", body: ask },
              { author: "ai", body: offer.reply },
            ],
          },
        ),
      );
      expect(accepted, yes).toMatchObject({ disposition: "handoff", handoffReason: "follow_through" });
    }
  });
});
