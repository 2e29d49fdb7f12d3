import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildPrompt } from "../../src/adapters/brain/openai/build-prompt.js";
import { TriageSchema } from "../../src/adapters/brain/openai/triage-schema.js";
import { KnowledgeSchema } from "../../src/core/knowledge/knowledge.js";
import type { BrainInput } from "../../src/core/ports/brain.js";
import { startFakeOpenAi, type FakeOpenAi } from "./fake-openai-server.js";
import {
  customerTextOf,
  FOREIGN_CONTACT_REPLIES,
  HANDOFF_REPLY,
  hostileModel,
  languageOf,
  NEVER_HANDS_OFF_REPLY,
  PERSONA_REPLIES,
  validAnswer,
} from "./hostile-model.js";

// The messages come from Baton's own prompt builder, so the helpers read the real layout.
const knowledge = KnowledgeSchema.parse({
  name: "Maple Ridge Toyota",
  timezone: "America/Chicago",
  departments: [{ name: "sales", hours: [{ days: ["mon", "sat"], open: "09:00", close: "20:00" }] }],
});
const messagesFor = (text: string, language?: BrainInput["language"]) =>
  buildPrompt({ text, history: [], lead: {}, knowledge, now: new Date("2026-03-03T15:00:00Z"), language }).messages;

let fake: FakeOpenAi;
let client: OpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAi();
  client = new OpenAI({ apiKey: "test", baseURL: fake.baseURL, maxRetries: 0 });
});
afterEach(() => fake.close());

const ask = (text = "Is the Camry still there?", language?: BrainInput["language"]) =>
  client.chat.completions.create({ model: "gpt-test", messages: messagesFor(text, language) });

/** The structured answer as Baton would read it: the first choice's content, parsed. */
async function answerOf(text?: string, language?: BrainInput["language"]): Promise<any> {
  const completion = await ask(text, language);
  return JSON.parse(completion.choices[0]!.message.content!);
}

describe("hostile model behind the real OpenAI SDK", () => {
  it("valid answers carry every TriageSchema field and revokesConsent", () => {
    const answer = validAnswer();
    expect(TriageSchema.safeParse(answer).success).toBe(true);
    // A set, so this still holds once TriageSchema itself gains revokesConsent.
    expect(Object.keys(answer).sort()).toEqual(
      [...new Set([...Object.keys(TriageSchema.shape), "revokesConsent"])].sort(),
    );
    expect(answer.revokesConsent).toBe(false);
  });

  it("never-hands-off answers in the context's language and reads the customer's text", async () => {
    fake.respondWith(hostileModel("never-hands-off"));
    const english = await answerOf("I want to speak to a manager NOW");
    expect(english).toMatchObject({
      disposition: "answer",
      handoffReason: null,
      revokesConsent: false,
      department: "sales",
      frustration: 0,
    });
    expect(english.reply).toBe(NEVER_HANDS_OFF_REPLY.en);

    const spanish = await answerOf("¿Cuánto me dan por mi carro?", "es");
    expect(spanish.reply).toBe("¡Venga a vernos y lo atendemos con mucho gusto!");
    expect(fake.requests.map(languageOf)).toEqual(["en", "es"]);
    expect(customerTextOf(fake.requests[1]!)).toBe("¿Cuánto me dan por mi carro?");
  });

  it("says cycles its replies, with a separate counter per instance", async () => {
    const persona = hostileModel("says", { replies: PERSONA_REPLIES });
    fake.respondWith(persona);
    const replies = [];
    for (let i = 0; i <= PERSONA_REPLIES.length; i++) replies.push((await answerOf()).reply);
    expect(replies).toEqual([...PERSONA_REPLIES, PERSONA_REPLIES[0]]);

    fake.respondWith(hostileModel("says", { replies: FOREIGN_CONTACT_REPLIES, disposition: "follow_up" }));
    expect(await answerOf()).toMatchObject({
      reply: FOREIGN_CONTACT_REPLIES[0],
      disposition: "follow_up",
      handoffReason: null,
    });
    expect(() => hostileModel("says")).toThrow(/replies/);
  });

  it("the ready lists hold English and Spanish personas and contacts that are not the dealership's", () => {
    expect(PERSONA_REPLIES.length).toBeGreaterThanOrEqual(4);
    expect(PERSONA_REPLIES.some((r) => /\b(soy|le habla)\b/.test(r))).toBe(true);
    expect(FOREIGN_CONTACT_REPLIES.length).toBeGreaterThanOrEqual(4);
    // each carries a link, a phone number, an e-mail or a street address
    for (const r of FOREIGN_CONTACT_REPLIES)
      expect(r).toMatch(/https?:\/\/|\w+\.\w+\/|\d{3}\)?[ -]\d{3}-\d{4}|@\w+\.|\d+ \w+ (Rd|St|Ave)/);
  });

  it("hands-off-everything and revokes give valid answers with the hostile field set", async () => {
    fake.respondWith(hostileModel("hands-off-everything"));
    expect(await answerOf("What time do you open?")).toMatchObject({
      disposition: "handoff",
      handoffReason: "cannot_answer",
      reply: HANDOFF_REPLY,
      revokesConsent: false,
    });
    fake.respondWith(hostileModel("revokes"));
    const revoking = await answerOf("Thanks, see you Saturday");
    expect(revoking).toMatchObject({ revokesConsent: true, disposition: "answer" });
    expect(TriageSchema.safeParse(revoking).success).toBe(true);
  });

  it("rate-limited is a 429 with OpenAI's envelope and retry-after", async () => {
    fake.respondWith(hostileModel("rate-limited"));
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("30");

    fake.respondWith(hostileModel("rate-limited", { retryAfterSeconds: 5 }));
    const again = (await ask().catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(again.headers?.get("retry-after")).toBe("5");
  });

  it("server-error is a 500", async () => {
    fake.respondWith(hostileModel("server-error"));
    const error = await ask().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 500, type: "server_error" });
  });

  it("slow outlasts the SDK's timeout, then would answer like never-hands-off", async () => {
    fake.respondWith(hostileModel("slow", { delayMs: 500 }));
    await expect(
      client.chat.completions.create({ model: "gpt-test", messages: messagesFor("hi") }, { timeout: 100 }),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const patient = await client.chat.completions.create(
      { model: "gpt-test", messages: messagesFor("hola", "es") },
      { timeout: 2000 },
    );
    expect(JSON.parse(patient.choices[0]!.message.content!).reply).toBe(NEVER_HANDS_OFF_REPLY.es);
    expect(hostileModel("slow")(fake.requests[0]!).delayMs).toBe(20_000);
  });

  it("junk cycles through 200s that hold no usable answer", async () => {
    fake.respondWith(hostileModel("junk"));
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) {
      const completion = await ask();
      const message = completion.choices[0]?.message;
      let usable = false;
      try {
        usable = TriageSchema.safeParse(JSON.parse(message?.content ?? "")).success;
      } catch {
        // not JSON: unusable, which is the point
      }
      expect(usable, `junk #${i}`).toBe(false);
      seen.push(!message ? "no choices" : message.refusal ? "refusal" : (message.content ?? "").slice(0, 6));
    }
    expect(seen).toEqual(['{"depa', '{"depa', "refusal", "no choices", "<html>", '{"depa', '{"depa']);
  });
});
