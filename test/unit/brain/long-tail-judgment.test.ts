import { describe, expect, it } from "vitest";
import { createLocalBrain } from "../../../src/adapters/brain/local/index.js";
import { readKnowledgeFile, SAMPLE_KNOWLEDGE } from "../../../src/cli/read-knowledge-file.js";
import { guardBrain } from "../../../src/core/brain/guardrails.js";
import { judgeConsent } from "../../../src/core/compliance/judge-consent.js";
import { loadNgramJudge } from "../../../src/adapters/judge/ngram/index.js";

const knowledge = readKnowledgeFile(SAMPLE_KNOWLEDGE);
const brain = guardBrain(createLocalBrain());
const decide = (text: string) => brain.decide({ text, history: [], lead: {}, knowledge, now: new Date("2025-06-11T15:00:00Z") });

// The kinds of text the hand-written rules missed before the trained judge, in the words the
// issue that asked for it used (none is in the judge's corpus).
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

  it.each(["what time does service open saturday", "is the 2024 Tacoma still available?", "thanks, see you then!", "¿a qué hora abren el sábado?", "¿la tacoma es automática?"])(
    "%j is answered by the AI",
    async (text) => {
      expect((await decide(text)).disposition).not.toBe("handoff");
    },
  );

  it.each(["don't contact me again", "quit texting me", "this isn't Maria's phone anymore", "take me off your list", "no more messages please", "ya no me escriban", "basta de mensajes"])(
    "%j opts the number out",
    (text) => {
      expect(judgeConsent(text, loadNgramJudge()).kind).toBe("optout");
    },
  );
});
