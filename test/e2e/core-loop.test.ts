import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeSlackCall } from "../helpers/fake-slack-api.js";
import { DEALER_NUMBER, HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const CUSTOMER = "+15125550123";
const JORDAN = { id: "U0JORDAN01", name: "jordan" };
const SAM = { id: "U0SAM00001", name: "sam" };

const buttonsOf = (call: FakeSlackCall) =>
  ((call.body.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[]) ?? [])
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? []);
const textOf = (call: FakeSlackCall) => JSON.stringify(call.body.blocks ?? "") + String(call.body.text ?? "");

describe("core loop: text → AI reply → Slack card → claim → rep relay → customer reply → STOP", () => {
  let run: RunningBaton;
  let card: { channel: string; ts: string };
  let conversationId: string;
  let owner: typeof JORDAN;
  let other: typeof JORDAN;
  let firstResponseAt: Date;

  beforeAll(async () => {
    run = await startBaton();
    run.slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
    run.slack.users.set(SAM.id, { name: "sam", real_name: "Sam Patel", display_name: "Sam" });
  });
  afterAll(async () => run?.stop());

  it("answers a routine text at once by SMS from the dealership number", async () => {
    const res = await run.text(CUSTOMER, "Hi, this is Dana. Is the 2024 Toyota Tacoma still available?");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<Response>");
    const [reply] = await run.twilio.waitForMessages(1);
    expect(reply!.to).toBe(CUSTOMER);
    expect(reply!.from).toBe(DEALER_NUMBER);
    expect(reply!.body.length).toBeGreaterThan(0);
    await run.baton.idle();
    // Nothing routine goes to the handoff channel.
    expect(run.slack.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(0);
    // What the AI learned is kept, and when the customer first got an answer (the digest's speed figure).
    const stored = await run.baton.database.prisma.conversation.findFirstOrThrow({
      where: { customer: { phone: CUSTOMER } },
    });
    expect(stored).toMatchObject({ department: "sales", lead: expect.objectContaining({ name: "Dana" }) });
    expect(stored.firstResponseAt).toBeInstanceOf(Date);
    expect(stored.firstResponseAt!.getTime()).toBeGreaterThanOrEqual(stored.firstInboundAt!.getTime());
    firstResponseAt = stored.firstResponseAt!;
  });

  it("hands off a price question: the customer is answered and a card with Claim appears in the channel", async () => {
    await run.text(CUSTOMER, "What's your best out the door price on it?");
    await run.twilio.waitForMessages(2);
    await run.baton.idle();
    // The second answer does not move the time of the first.
    expect(
      (await run.baton.database.prisma.conversation.findFirstOrThrow({ where: { customer: { phone: CUSTOMER } } }))
        .firstResponseAt,
    ).toEqual(firstResponseAt);
    const post = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts,
    );
    const buttons = buttonsOf(post);
    expect(buttons.map((b) => b.action_id)).toEqual(["baton_claim", "baton_hand_back", "baton_resolve"]);
    conversationId = buttons[0]!.value!;
    card = { channel: String(post.response.body.channel), ts: String(post.response.body.ts) };
    const shown = textOf(post);
    expect(shown).toContain("Dana");
    expect(shown).toMatch(/Sales/);
    expect(shown).toContain("•••-•••-0123");
    expect(shown).not.toContain("5125550123"); // the full number never reaches the card
    expect(shown).toContain("out the door");
  });

  it("two reps click Claim at once: exactly one wins, the other is told who has it", async () => {
    const sends = run.twilio.messages.length;
    const [a, b] = await Promise.all([
      run.click("baton_claim", conversationId, JORDAN, card),
      run.click("baton_claim", conversationId, SAM, card),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const update = await run.slack.waitFor((c) => c.method === "chat.update" && textOf(c).includes("Claimed by"));
    const ephemeral = await run.slack.waitFor(
      (c) => c.method === "chat.postEphemeral" && String(c.body.text).startsWith("Already claimed by"),
    );
    owner = textOf(update).includes("Jordan") ? JORDAN : SAM;
    other = owner === JORDAN ? SAM : JORDAN;
    const ownerName = owner === JORDAN ? "Jordan" : "Sam";
    expect(ephemeral.body.user).toBe(other.id);
    expect(ephemeral.body.text).toBe(`Already claimed by ${ownerName}.`);
    expect(update.body.ts).toBe(card.ts);
    expect(textOf(update)).toMatch(/customer waited \d+s/);
    expect(buttonsOf(update).map((x) => x.action_id)).not.toContain("baton_claim");

    const notices = await run.twilio.waitForMessages(sends + 1);
    expect(notices.at(-1)!.body).toBe(`${ownerName} from our sales team will text you here shortly.`);
    expect(notices.at(-1)!.to).toBe(CUSTOMER);
    await new Promise((r) => setTimeout(r, 200));
    expect(run.twilio.messages.length).toBe(sends + 1); // one notice, not two
  });

  it("relays the owner's thread reply to the customer by SMS, once even if Slack delivers it twice", async () => {
    const sends = run.twilio.messages.length;
    const text = "Hi Dana, I can do a quick call about numbers at 4pm, does that work?";
    await run.replyInThread(owner.id, text, card, { eventId: "EvOWNER0001", ts: "1800000001.000100" });
    await run.replyInThread(owner.id, text, card, { eventId: "EvOWNER0001", ts: "1800000001.000100", retryNum: 1 });
    const messages = await run.twilio.waitForMessages(sends + 1);
    expect(messages.at(-1)!.body).toBe(text);
    expect(messages.at(-1)!.from).toBe(DEALER_NUMBER);
    await new Promise((r) => setTimeout(r, 300));
    expect(run.twilio.messages.length).toBe(sends + 1);
  });

  it("texts what the rep meant, not Slack's markup: links, & and mentions of Baton", async () => {
    const sends = run.twilio.messages.length;
    await run.replyInThread(
      owner.id,
      "<@U0BATONBOT> Photos &amp; details: <https://maple.example/t/45821|the Tacoma page>",
      card,
    );
    const messages = await run.twilio.waitForMessages(sends + 1);
    expect(messages.at(-1)!.body).toBe("Photos & details: the Tacoma page (https://maple.example/t/45821)");
  });

  it("keeps internal notes and non-owners' replies away from the customer", async () => {
    const sends = run.twilio.messages.length;
    await run.replyInThread(owner.id, "// checking with the desk first", card);
    await run.replyInThread(other.id, "who's on this?", card);
    const told = await run.slack.waitFor(
      (c) =>
        c.method === "chat.postEphemeral" &&
        c.body.user === other.id &&
        String(c.body.text).startsWith("Not sent to the customer"),
    );
    expect(told.body.text).toContain("owns this conversation");
    await new Promise((r) => setTimeout(r, 300));
    expect(run.twilio.messages.length).toBe(sends);
  });

  it("posts the customer's answer into the same thread, and the AI stays quiet", async () => {
    const sends = run.twilio.messages.length;
    await run.text(CUSTOMER, "4pm works, call me then");
    const posted = await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" && c.body.thread_ts === card.ts && String(c.body.text).includes("4pm works"),
    );
    expect(posted.body.channel).toBe(card.channel);
    await run.baton.idle();
    expect(run.twilio.messages.length).toBe(sends);
  });

  it("honours STOP: the thread is told, and a later rep reply is refused with a reason", async () => {
    const sends = run.twilio.messages.length;
    await run.text(CUSTOMER, "STOP");
    await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" && c.body.thread_ts === card.ts && String(c.body.text).includes("opted out"),
    );
    await run.baton.idle();
    await run.replyInThread(owner.id, "Are you still there?", card);
    await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.thread_ts === card.ts &&
        String(c.body.text).startsWith(":warning: Not sent: the customer opted out"),
    );
    await run.text(CUSTOMER, "actually what time do you open?");
    await run.baton.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(run.twilio.messages.length).toBe(sends);
  });
});
