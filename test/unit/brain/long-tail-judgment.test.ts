import { describe, expect, it } from "vitest";
import { createLocalBrain } from "../../../src/adapters/brain/local/index.js";
import { readKnowledgeFile, SAMPLE_KNOWLEDGE } from "../../../src/cli/read-knowledge-file.js";
import { guardBrain } from "../../../src/core/brain/guardrails.js";
import { judgeConsent } from "../../../src/core/compliance/judge-consent.js";
import { loadNgramJudge } from "../../../src/adapters/judge/ngram/index.js";

const knowledge = readKnowledgeFile(SAMPLE_KNOWLEDGE);
const brain = guardBrain(createLocalBrain());
const decide = (text: string) =>
  brain.decide({ text, history: [], lead: {}, knowledge, now: new Date("2025-06-11T15:00:00Z") });

// The kinds of text the hand-written rules missed before the trained judge, in the words the
// issue that asked for it used (none is in the judge's corpus).
describe("holds, undone deals, sarcasm and contact corrections: decided by what the text asks, not by listed words", () => {
  it.each([
    ["please lock it in, I'll be there friday", "price"],
    ["can I put a deposit on the highlander", "price"],
    ["don't sell it before I get there", "price"],
    ["no vendan el jeep, voy mañana", "price"],
    ["me lo pueden apartar hasta el sábado?", "price"],
    ["I need to cancel my order for the floor mats", "cannot_answer"],
    ["want to cancel the extended warranty I bought", "cannot_answer"],
    ["quiero cancelar mi pedido de la parte", "cannot_answer"],
    ["great, another 3 weeks for a part", "complaint"],
    ["wow great job, the check engine light is back on again", "complaint"],
    ["3 weeks for a headlight, amazing", "complaint"],
    ["could you put the Tacoma aside till Saturday, payday is friday", "price"],
    ["your radio ad says top dollar for trades. what's top dollar for an 09 Accord", "trade_in"],
    ["the alarm y'all installed keeps draining the battery overnight", "complaint"],
    ["45 minute oil change they said. it's been 2 hours. cool cool cool", "complaint"],
  ])("%j goes to a person (%s)", async (text, reason) => {
    const decision = await decide(text);
    expect(decision.disposition).toBe("handoff");
    expect(decision.handoffReason).toBe(reason);
  });

  it.each([
    "can I reserve a test drive for saturday",
    "cancel my appointment tomorrow",
    "perfect, see you again on friday",
    "wonderful, thanks again!",
    "hold on, let me check my schedule",
    "can you keep me posted",
    "can you set the old parts aside so I can see them",
    "you installed the hitch last week, does it need anything",
  ])("%j is not taken for one", async (text) => {
    expect((await decide(text)).disposition).not.toBe("handoff");
  });

  it("a customer correcting the number they gave is not opting out; someone saying it is the wrong number is", () => {
    const judge = loadNgramJudge();
    for (const text of [
      "I gave you the wrong number on my form",
      "le di el numero equivocado en el formulario",
      "I put my old number on the credit app, text this one",
    ]) {
      expect(judgeConsent(text, judge).kind).toBeNull();
    }
    expect(judgeConsent("wrong number", judge).kind).toBe("optout");
    expect(judgeConsent("this is not mike, wrong number", judge).kind).toBe("optout");
  });

  it("someone sent here to text is arriving, not leaving; someone who never gave the number is not", () => {
    const judge = loadNgramJudge();
    for (const text of ["Marcos told me to text this number", "me dieron este numero para preguntar por una troca"]) {
      expect(judgeConsent(text, judge).kind).toBeNull();
    }
    for (const text of ["i never gave you this number", "who gave you this number??"]) {
      expect(judgeConsent(text, judge).kind).not.toBeNull();
    }
  });
});

describe("the long tail: texts no rule lists still reach a person", () => {
  it.each([
    "the wheel came loose after your shop rotated my tires",
    "thanks a lot, it died on the freeway again",
    "5 stars for charging me twice 👏",
    "oh NOW you answer",
    "guess I'll go to the Honda store then",
    "what's the damage on the silverado",
    "ballpark on the tacoma?",
    "what are the numbers looking like",
    "can you hold it for me till Friday",
    "does anyone actually read these",
    "is this a real person?",
    "¿cuánto es el enganche para la RAV4?",
    "tengo crédito pero sin historial, ¿me pueden financiar?",
    "quiero hablar con el gerente",
    "¿esto es automático?",
  ])("%j goes to a person", async (text) => {
    expect((await decide(text)).disposition).toBe("handoff");
  });

  it.each([
    "what time does service open saturday",
    "is the 2024 Tacoma still available?",
    "thanks, see you then!",
    "¿a qué hora abren el sábado?",
    "¿la tacoma es automática?",
  ])("%j is answered by the AI", async (text) => {
    expect((await decide(text)).disposition).not.toBe("handoff");
  });

  it.each([
    "don't contact me again",
    "quit texting me",
    "this isn't Maria's phone anymore",
    "take me off your list",
    "no more messages please",
    "ya no me escriban",
    "basta de mensajes",
  ])("%j opts the number out", (text) => {
    expect(judgeConsent(text, loadNgramJudge()).kind).toBe("optout");
  });
});
