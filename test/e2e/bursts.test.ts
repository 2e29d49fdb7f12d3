import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import type { FakeSlackCall } from "../helpers/fake-slack-api.js";
import { HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const WINDOW_MS = 3000;
const REP = { id: "U0TAYLOR01", name: "taylor" };

const isCard = (c: FakeSlackCall, phoneTail: string) =>
  c.method === "chat.postMessage" &&
  c.body.channel === HANDOFF_CHANNEL &&
  !c.body.thread_ts &&
  JSON.stringify(c.body.blocks ?? "").includes(`•••-•••-${phoneTail}`);
const conversationIdOf = (post: FakeSlackCall) =>
  (post.body.blocks as { type: string; elements?: { value?: string }[] }[]).find((b) => b.type === "actions")!
    .elements![0]!.value!;

describe("a burst of texts is one turn; the flood guard stops machines, not people", () => {
  let run: RunningBaton;
  const clock = new ManualClock("2026-03-03T16:00:00Z"); // a Tuesday, 10:00 in Chicago

  beforeAll(async () => {
    run = await startBaton({ REPLY_COALESCE_MS: String(WINDOW_MS) }, { clock });
    run.slack.users.set(REP.id, { name: "taylor", real_name: "Taylor Brooks", display_name: "Taylor" });
  });
  afterAll(async () => run?.stop());

  const repliesTo = (customer: string) => run.twilio.messages.filter((m) => m.to === customer);
  const inbound = (customer: string) =>
    run.baton.database.prisma.message.findMany({
      where: { direction: "inbound", conversation: { customer: { phone: customer } } },
      orderBy: { createdAt: "asc" },
    });
  const pauses = (customer: string) =>
    run.baton.database.prisma.conversationEvent.count({
      where: { type: "ai_paused", conversation: { customer: { phone: customer } } },
    });
  /** Texts a second apart, as a person types them, then the window passes and the turn is answered. */
  const burst = async (customer: string, texts: string[], gapMs = 1000) => {
    for (const [i, body] of texts.entries()) {
      if (i > 0) clock.advance(gapMs);
      expect((await run.text(customer, body)).status).toBe(200);
    }
    return settle();
  };
  const settle = async () => {
    clock.advance(WINDOW_MS);
    await run.baton.idle();
  };
  const threadTexts = (card: { channel: string; ts: string }) =>
    run.slack.calls
      .filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === card.ts)
      .map((c) => String(c.body.text));

  it("four quick questions get one answer that read them all; each text is handled once", async () => {
    const customer = "+15125559001";
    for (const [i, body] of [
      "Hi, this is Dana",
      "is the 2024 Toyota Tacoma still available?",
      "what color is it",
      "can I come see it saturday?",
    ].entries()) {
      if (i > 0) clock.advance(1000);
      await run.text(customer, body);
    }
    // Inside the window the customer may still be typing: nothing is sent yet.
    clock.advance(WINDOW_MS - 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(repliesTo(customer)).toHaveLength(0);
    await settle();

    expect(repliesTo(customer)).toHaveLength(1);
    const texts = await inbound(customer);
    expect(texts.map((t) => t.status)).toEqual(["handled", "handled", "handled", "handled"]);
    // The second text's vehicle and the fourth's day reached the same answer.
    const conversation = await run.baton.database.prisma.conversation.findFirstOrThrow({
      where: { customer: { phone: customer } },
    });
    expect(conversation.lead).toMatchObject({ vehicle: { model: "Tacoma" }, timing: "saturday" });
    expect(await pauses(customer)).toBe(0);
  });

  it("four questions 20 seconds apart are four turns, all answered", async () => {
    const customer = "+15125559002";
    const questions = [
      "what are your hours today?",
      "where are you located?",
      "do you have any used trucks?",
      "is service open saturday?",
    ];
    for (const [i, body] of questions.entries()) {
      if (i > 0) clock.advance(20_000 - WINDOW_MS);
      await run.text(customer, body);
      await settle();
      expect(repliesTo(customer)).toHaveLength(i + 1);
    }
    expect(await pauses(customer)).toBe(0);
  });

  it("after Hand back, a burst is answered as one turn and every text reaches the card's thread", async () => {
    const customer = "+15125559003";
    await run.text(customer, "I want to talk to a real person please");
    await settle();
    const post = await run.slack.waitFor((c) => isCard(c, "9003"));
    const card = { channel: String(post.response.body.channel), ts: String(post.response.body.ts) };
    const conversationId = conversationIdOf(post);
    await run.click("baton_claim", conversationId, REP, card);
    await run.slack.waitFor((c) => c.method === "chat.update" && JSON.stringify(c.body.blocks).includes("Claimed by"));
    await run.click("baton_hand_back", conversationId, REP, card);
    await run.slack.waitFor(
      (c) => c.method === "chat.update" && JSON.stringify(c.body.blocks).includes("Back with the AI"),
    );
    const before = repliesTo(customer).length;

    clock.advance(5000);
    const questions = [
      "thanks!",
      "what are your hours today?",
      "where are you located?",
      "do you have any used trucks?",
    ];
    await burst(customer, questions);

    expect(repliesTo(customer)).toHaveLength(before + 1);
    const thread = threadTexts(card);
    for (const q of questions) expect(thread.some((t) => t.includes(q))).toBe(true);
    expect(await pauses(customer)).toBe(0);
  });

  it("a real flood (50 texts in seconds) is still paused: nothing lost, no answer, people told why", async () => {
    const customer = "+15125559004";
    for (let i = 0; i < 50; i++) {
      clock.advance(100);
      expect((await run.text(customer, `hello? question number ${i}`)).status).toBe(200);
    }
    await settle();
    expect(await inbound(customer)).toHaveLength(50);
    expect((await inbound(customer)).every((t) => t.status === "handled")).toBe(true);
    expect(repliesTo(customer)).toHaveLength(0);
    const card = run.slack.calls.find((c) => isCard(c, "9004"));
    expect(JSON.stringify(card?.body.blocks)).toContain("The AI stopped answering");
    expect(await pauses(customer)).toBe(1);
  });

  it("after a flood and a Hand back, the customer's next questions are answered", async () => {
    const customer = "+15125559005";
    for (let i = 0; i < 30; i++) {
      clock.advance(50);
      await run.text(customer, `BUY NOW ${i}`);
    }
    await settle();
    expect(await pauses(customer)).toBe(1);
    const post = await run.slack.waitFor((c) => isCard(c, "9005"));
    const card = { channel: String(post.response.body.channel), ts: String(post.response.body.ts) };
    const conversationId = conversationIdOf(post);
    await run.click("baton_claim", conversationId, REP, card);
    await run.slack.waitFor(
      (c) =>
        c.method === "chat.update" && c.body.ts === card.ts && JSON.stringify(c.body.blocks).includes("Claimed by"),
    );
    await run.click("baton_hand_back", conversationId, REP, card);
    await run.slack.waitFor(
      (c) =>
        c.method === "chat.update" &&
        c.body.ts === card.ts &&
        JSON.stringify(c.body.blocks).includes("Back with the AI"),
    );
    const before = repliesTo(customer).length; // the claim told the customer who has it

    // Well inside the same minute and the same ten minutes as the flood.
    clock.advance(2000);
    await burst(customer, ["sorry, my kid had my phone", "what are your hours today?"]);
    expect(repliesTo(customer)).toHaveLength(before + 1);
    expect(await pauses(customer)).toBe(1);
  });

  it("a STOP at the end of a burst wins: nothing before it is answered, and the number is opted out", async () => {
    const customer = "+15125559007";
    await burst(customer, ["is the 2024 Tacoma still available?", "what color is it", "STOP"]);
    expect(repliesTo(customer)).toHaveLength(0); // Twilio confirms a STOP keyword itself
    const stored = await run.baton.database.prisma.customer.findFirstOrThrow({ where: { phone: customer } });
    expect(stored.optedOut).toBe(true);
    expect((await inbound(customer)).every((t) => t.status === "handled")).toBe(true);
  });

  it("the same text again and again, each answered, is still a loop", async () => {
    const customer = "+15125559006";
    for (let i = 0; i < 4; i++) {
      clock.advance(30_000);
      await run.text(customer, "Thanks for your message! We will get back to you soon.");
      await settle();
    }
    expect(repliesTo(customer)).toHaveLength(2);
    const paused = await run.baton.database.prisma.conversationEvent.findFirstOrThrow({
      where: { type: "ai_paused", conversation: { customer: { phone: customer } } },
    });
    expect(paused.data).toMatchObject({ reason: "loop" });
  });
});
