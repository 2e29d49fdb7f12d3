import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAi } from "../helpers/fake-openai-server.js";
import {
  FOREIGN_CONTACT_REPLIES,
  hostileModel,
  NEVER_HANDS_OFF_REPLY,
  PERSONA_REPLIES,
  type HostileMode,
  type HostileOptions,
} from "../helpers/hostile-model.js";
import { HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

/**
 * Baton with OPENAI_API_KEY set, the real `openai` SDK pointed at a model that misbehaves on
 * purpose. Each scene goes through the live path: a signed Twilio webhook in, the SMS the
 * customer gets out of the fake Twilio, and the cards in the fake Slack.
 */

const MANAGERS = "C0MANAGERS1";
const TIMEOUT_MS = 1500;

let fake: FakeOpenAi | undefined;
let run: RunningBaton | undefined;
afterEach(async () => {
  await run?.stop();
  await fake?.close();
  run = fake = undefined;
});

async function batonWith(
  mode: HostileMode,
  options: HostileOptions = {},
  env: Record<string, string> = {},
): Promise<RunningBaton> {
  fake = await startFakeOpenAi();
  fake.respondWith(hostileModel(mode, options));
  run = await startBaton({
    OPENAI_API_KEY: "sk-test-not-a-real-key",
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_TIMEOUT_MS: String(TIMEOUT_MS),
    KNOWLEDGE_FILE: "src/config/samples/knowledge.sample.json",
    SLACK_MANAGER_CHANNEL: MANAGERS,
    ...env,
  });
  return run;
}

let customerSeq = 0;
const newCustomer = () => `+1512555${String(1000 + (customerSeq++ % 9000)).padStart(4, "0")}`;

/** One customer's text, answered: what they got (if anything), whether a card went up, how long it all took. */
async function exchange(
  baton: RunningBaton,
  text: string,
): Promise<{ reply?: string; card: boolean; ms: number; conversationId: string }> {
  const customer = newCustomer();
  const started = Date.now();
  const res = await baton.text(customer, text);
  expect(res.status).toBe(200);
  await baton.baton.idle(); // the text answered, the card up: the customer had the SMS no later than this
  const ms = Date.now() - started;
  const reply = baton.twilio.messages.filter((m) => m.to === customer).at(-1)?.body;
  const conversation = await baton.baton.database.prisma.conversation.findFirstOrThrow({
    where: { customer: { phone: customer } },
  });
  return { reply, card: conversation.status === "pending", ms, conversationId: conversation.id };
}

/** What people read in the card's thread: the line that says why the AI's reply was held back. */
const threadNotes = (baton: RunningBaton) =>
  baton.slack.calls
    .filter((c) => c.method === "chat.postMessage" && c.body.thread_ts)
    .map((c) => JSON.stringify(c.body));

const cards = (baton: RunningBaton) =>
  baton.slack.calls.filter(
    (c) => c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts,
  );

/** Texts a person must answer, of every kind the floor knows: money, trade, credit, anger, the law, safety, Spanish. */
const MUST_HANDOFF = [
  "What's the best out the door price you can do on the Tacoma?",
  "Can I get financed with a 580 credit score?",
  "How much would you give me for my 2017 Civic as a trade in?",
  "Your service department scratched my door and nobody called me back. Unacceptable.",
  "If this isn't fixed by Friday I'm calling my lawyer.",
  "My brakes are grinding and the pedal goes to the floor, is it safe to drive here?",
  "¿Cuánto es lo menos que me dejan la Highlander?",
  "¿Me pueden financiar sin crédito?",
];

describe("a model that never hands off", () => {
  it("cannot keep a person from a text that needs one: Baton's own check raises the card, with Baton's reply", async () => {
    const baton = await batonWith("never-hands-off");
    for (const text of MUST_HANDOFF) {
      const { reply, card, ms } = await exchange(baton, text);
      expect(card, text).toBe(true);
      expect(reply).not.toBe(NEVER_HANDS_OFF_REPLY.en);
      expect(reply).not.toBe(NEVER_HANDS_OFF_REPLY.es);
      expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    }
    expect(cards(baton)).toHaveLength(MUST_HANDOFF.length);
  });

  it("raises no card for routine texts: a reply Baton cannot vouch for is replaced by Baton's own answer", async () => {
    const baton = await batonWith("never-hands-off");
    // "we'll take great care of you" promises what nobody can check: the customer gets the address instead.
    const { reply, card } = await exchange(baton, "Where are you located?");
    expect(reply).not.toBe(NEVER_HANDS_OFF_REPLY.en);
    expect(reply).toMatch(/4810 Ridgeline/);
    expect(card).toBe(false);
    expect(cards(baton)).toHaveLength(0);
  });

  it("sends a model's reply as written when every word of it is the store's, the customer's or plain", async () => {
    const said =
      "We're at 4810 Ridgeline Parkway in Fort Worth, across from Ridgeline Plaza. Want directions from I-35W?";
    const baton = await batonWith("says", { replies: [said] });
    const { reply, card, conversationId } = await exchange(baton, "Where are you located?");
    expect(reply).toBe(said);
    expect(card).toBe(false);
    // The model's token use is kept with the conversation (the fake reports 1,200 in, 90 out).
    const tokens = await baton.baton.database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(tokens).toMatchObject({ inputTokens: 1200, outputTokens: 90, cachedInputTokens: 0 });
    const health = (await (await fetch(`${baton.url}/healthz`)).json()) as { model: { answered: number } };
    expect(health.model.answered).toBe(1);
  });
});

const drafted = readFileSync("test/fixtures/replies/model-replies.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map(
    (line) => JSON.parse(line) as { customer: string; reply: string; verdict: string; kind: string; language: string },
  );
/**
 * Reworded commitments of every kind, one in English and one in Spanish (written for Baton:
 * test/fixtures/replies/SOURCES.md). All 180 go through the same guard in-process in
 * test/unit/brain/verify-model-replies.test.ts; here, through the live path, a sample.
 */
const COMMITMENTS = drafted
  .filter((r) => r.verdict === "block" && r.kind !== "wrong_language")
  .filter((r, i, all) => all.findIndex((o) => o.kind === r.kind && o.language === r.language) === i);

describe("a model that words commitments any way it likes", () => {
  it(`lets none of ${COMMITMENTS.length} reach a customer: each becomes a safe handoff whose card names the rule`, async () => {
    // The breaker would stop asking such a model after five; here every reply must meet the check.
    const baton = await batonWith(
      "says",
      { replies: COMMITMENTS.map((r) => r.reply) },
      { OPENAI_BREAKER_FAILURES: "1000" },
    );
    let heldBack = 0;
    for (const row of COMMITMENTS) {
      const { reply, card, conversationId } = await exchange(baton, row.customer);
      expect(reply, row.kind).not.toBe(row.reply);
      expect(card, row.reply).toBe(true);
      // Either Baton's own check called a person for the text itself, or the reply was held back.
      const { handoffReason } = await baton.baton.database.prisma.conversation.findUniqueOrThrow({
        where: { id: conversationId },
      });
      if (handoffReason === "guardrail") heldBack += 1;
    }
    const sent = baton.twilio.messages.map((m) => m.body);
    for (const row of COMMITMENTS) expect(sent).not.toContain(row.reply);
    // Every held-back reply's thread says which rule it broke.
    const notes = threadNotes(baton).filter((n) =>
      /reply was held back, not sent: (?:money|ungrounded_number|commitment|sensitive_claim|promise|persona|unknown_name|foreign_contact)/.test(
        n,
      ),
    );
    expect(heldBack).toBeGreaterThan(0);
    expect(notes).toHaveLength(heldBack);
  }, 120_000);
});

describe("a model that poses as a person or sends customers elsewhere", () => {
  it.each([
    ["claims to be a named person", PERSONA_REPLIES],
    ["gives links, numbers and addresses the store never gave", FOREIGN_CONTACT_REPLIES],
  ])("%s: never sent, a person takes over", async (_what, replies) => {
    const baton = await batonWith("says", { replies }, { OPENAI_BREAKER_FAILURES: "1000" });
    for (const said of replies) {
      const { reply, card } = await exchange(baton, "Where are you located?");
      expect(reply).not.toBe(said);
      expect(card).toBe(true);
    }
    const notes = threadNotes(baton).join("\n");
    expect(notes).toMatch(/held back, not sent: (?:persona|unknown_name|foreign_contact)/);
  });
});

describe("a model that fails", () => {
  it("slow: the customer has Baton's own answer within the budget plus a second", async () => {
    const baton = await batonWith("slow", { delayMs: 20_000 });
    const { reply, ms } = await exchange(baton, "Where are you located?");
    expect(reply).toMatch(/4810 Ridgeline/);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
  });

  it("429 with Retry-After 30: answered at once, logged and counted, nothing retried later", async () => {
    const baton = await batonWith("rate-limited", { retryAfterSeconds: 30 });
    const { reply, ms } = await exchange(baton, "Where are you located?");
    expect(reply).toMatch(/4810 Ridgeline/);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fake!.requests).toHaveLength(1);
    const health = (await (await fetch(`${baton.url}/healthz`)).json()) as {
      model: { fallbacks: Record<string, number> };
    };
    expect(health.model).toMatchObject({ model: "gpt-4.1-mini", breaker: "closed", fallbacks: { rate_limited: 1 } });
  });

  it("junk for every call: Baton answers alone, the breaker opens after five, the managers hear it once, no flood of cards", async () => {
    const baton = await batonWith("junk");
    for (let i = 0; i < 8; i++) {
      const { reply, card } = await exchange(baton, "Where are you located?");
      expect(reply).toMatch(/4810 Ridgeline/);
      expect(card).toBe(false);
    }
    expect(fake!.requests).toHaveLength(5);
    expect(cards(baton)).toHaveLength(0);
    const told = baton.slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === MANAGERS);
    expect(told).toHaveLength(1);
    expect(String(told[0]!.body.text)).toMatch(/failed 5 times in a row/);
    const health = (await (await fetch(`${baton.url}/healthz`)).json()) as {
      model: { fallbacks: Record<string, number> };
    };
    expect(health.model).toMatchObject({ breaker: "open", consecutiveFailures: 5, fallbacks: { paused: 3 } });
    expect((health.model.fallbacks.invalid_output ?? 0) + (health.model.fallbacks.refusal ?? 0)).toBe(5);
  });
});

describe("a model that hears a withdrawal of consent", () => {
  it("is followed: nothing is sent, a person decides", async () => {
    const baton = await batonWith("revokes");
    const customer = newCustomer();
    // Baton's own check does not read this as a withdrawal; the model does.
    await baton.text(customer, "my wife handles all this now, so this phone is done with you");
    await baton.baton.idle();
    expect(baton.twilio.messages.filter((m) => m.to === customer)).toHaveLength(0);
    const conversation = await baton.baton.database.prisma.conversation.findFirstOrThrow({
      where: { customer: { phone: customer } },
    });
    expect(conversation).toMatchObject({ status: "pending", handoffReason: "may_opt_out" });
    expect(cards(baton)).toHaveLength(1);
    const event = await baton.baton.database.prisma.conversationEvent.findFirstOrThrow({
      where: { conversationId: conversation.id, type: "consent_unsure" },
    });
    expect(JSON.stringify(event.data)).toMatch(/the AI model says so/);
    // And the gateway holds every automated text until a person decides.
    await baton.text(customer, "what time do you open tomorrow?");
    await baton.baton.idle();
    expect(baton.twilio.messages.filter((m) => m.to === customer)).toHaveLength(0);
  });
});
