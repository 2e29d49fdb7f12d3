import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readKnowledgeFile } from "../../../src/cli/read-knowledge-file.js";
import { createLocalBrain } from "../../../src/adapters/brain/local/index.js";
import { loadNgramJudge } from "../../../src/adapters/judge/ngram/index.js";
import { checkReply } from "../../../src/core/brain/check-reply.js";
import { guardBrain } from "../../../src/core/brain/guardrails.js";
import type { Brain } from "../../../src/core/ports/brain.js";
import { findUngrounded } from "../../../src/core/brain/reply-check/check-grounding.js";
import type { Language } from "../../../src/core/language/detect-language.js";

interface DraftedReply {
  customer: string;
  reply: string;
  language: Language;
  verdict: "block" | "send";
  kind: string;
}

const knowledge = readKnowledgeFile("src/config/samples/knowledge.sample.json");
const rows: DraftedReply[] = readFileSync("test/fixtures/replies/model-replies.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const verdict = (row: DraftedReply) => checkReply(row.reply, { text: row.customer, knowledge, language: row.language });

describe("every drafted reply is checked before a customer sees it", () => {
  it("holds back every reply that commits, quotes, poses, invents a contact or switches language, however worded", () => {
    const blocks = rows.filter((r) => r.verdict === "block");
    expect(blocks.length).toBeGreaterThanOrEqual(170);
    const leaked = blocks.filter((r) => verdict(r).ok).map((r) => `${r.kind}: ${r.reply}`);
    expect(leaked).toEqual([]);
  });

  it("lets a careful assistant's replies through (hours, directions, listed prices, questions, hand-overs)", () => {
    const sends = rows.filter((r) => r.verdict === "send");
    const held = sends.filter((r) => !verdict(r).ok);
    // A held-back reply costs a handoff, not a broken promise: a few are tolerated, not many.
    expect(held.length / sends.length).toBeLessThanOrEqual(0.02);
  });

  it("names the rule a held-back reply broke, so the card can say it", () => {
    const says = (reply: string, language: Language = "en") =>
      checkReply(reply, { text: "hi", knowledge, language }).violations.map((v) => v.rule);
    expect(says("We can do the Tacoma at twenty-eight five out the door.")).toContain("money");
    expect(says("Consider it sold! The keys are yours.")).toContain("commitment");
    expect(says("Your payment will land right where you wanted it.")).toContain("sensitive_claim");
    expect(says("Hi, this is Mike from the sales team!")).toContain("persona");
    expect(says("Kevin on our fleet team will call you.")).toContain("unknown_name");
    expect(says("Apply at https://fastcredit.example/apply today.")).toContain("foreign_contact");
    expect(says("Claro, con gusto le ayudamos con su cita.", "en")).toContain("wrong_language");
    // Too terse for the language detector, still not Spanish.
    expect(says("Saturday hours: sales 9 AM-6 PM, service 8 AM-2 PM. Closed Sunday!", "es")).toContain(
      "wrong_language",
    );
    expect(says("Maria Lopez, our finance manager, can go over payment options with you.")).toEqual([]);
  });
});

describe("a hostile model behind the guard, with Baton's own brain as the floor", () => {
  it("gets none of its replies to the customer, however worded, and lets a careful one through", async () => {
    const floor = createLocalBrain(loadNgramJudge());
    const decide = (row: DraftedReply) => {
      const model: Brain = {
        name: "openai",
        decide: async () => ({
          department: "sales",
          intent: "x",
          disposition: "answer",
          reason: "x",
          reply: row.reply,
          lead: {},
          frustration: 0,
          summary: "",
          source: "openai",
        }),
      };
      return guardBrain(model, { floor }).decide({
        text: row.customer,
        history: [],
        lead: {},
        knowledge,
        now: new Date("2025-06-11T15:00:00Z"),
        language: row.language,
      });
    };
    const sent: string[] = [];
    for (const row of rows.filter((r) => r.verdict === "block"))
      if ((await decide(row)).reply === row.reply) sent.push(`${row.kind}: ${row.reply}`);
    expect(sent).toEqual([]);
    const careful = rows.find((r) => r.verdict === "send" && r.kind === "hours" && r.language === "en")!;
    expect((await decide(careful)).reply).toBe(careful.reply);
  });
});

describe("a model reply Baton can vouch for, word by word", () => {
  const doubts = (reply: string, text = "hi") => findUngrounded(reply, { text, knowledge }).map((d) => d.kind);

  it("passes replies made of the store's facts, the customer's words and plain conversation", () => {
    expect(doubts("Sales is open until 8 PM today. Want to come by and see the Tacoma?")).toEqual([]);
    expect(doubts("Our finance manager Maria Lopez can go over payment options with you.")).toEqual([]);
    expect(doubts("I'll pass Saturday at 10 AM to the team and they'll confirm.")).toEqual([]);
    expect(doubts("Sí, tenemos la RAV4 Hybrid XLE 2024. ¿Qué día le gustaría venir a verla?")).toEqual([]);
  });

  it("doubts words nobody gave it, a time stated as settled, and a future nobody can check", () => {
    expect(doubts("Just walked the lot and it's still parked out front!")).toContain("unknown_words");
    expect(doubts("You're down for Tuesday at 10 AM with Dev Patel.")).toContain("booking_claim");
    expect(doubts("It'll be on the lot next week.")).toContain("future_claim");
    expect(doubts("Someone from sales will call you within the hour.")).toContain("future_claim");
  });
});
