import { afterEach, describe, expect, it } from "vitest";
import { followSandboxFeed, type FeedEvent, type FeedFollower } from "../../helpers/follow-sandbox-feed.js";
import { startSandbox, type RunningSandbox } from "../../helpers/start-sandbox.js";

const MARIA = "+15125550101";
const DEREK = "+15125550102";
const JORDAN = "U0SBJORDAN";
const TEXT_BACK = "Sorry we missed your call, this is Maple Ridge Motors. How can we help? You can text us right here.";

let sandbox: RunningSandbox | undefined;
const feeds: FeedFollower[] = [];
afterEach(async () => {
  for (const f of feeds.splice(0)) f.stop();
  await sandbox?.stop();
  sandbox = undefined;
});

async function start() {
  sandbox = await startSandbox();
  const feed = await followSandboxFeed(sandbox.url);
  feeds.push(feed);
  return { s: sandbox, f: feed };
}

const textsTo = (f: FeedFollower, phone: string) =>
  f.events.filter((e) => e.type === "sms" && e.direction === "out" && e.phone === phone);
const isTextBack = (phone: string) => (e: FeedEvent) =>
  e.type === "sms" && e.direction === "out" && e.phone === phone && e.body === TEXT_BACK;

/** Posts a call as the page's Call button does; the answer and the call's line on the phone. */
async function call(s: RunningSandbox, f: FeedFollower, from: string, outcome?: string) {
  const res = await s.post("call", outcome ? { from, outcome } : { from });
  expect(res.status).toBe(202);
  const answer = (await res.json()) as { callSid: string; conversationId: string; action: string };
  const shown = await f.waitFor((e) => e.type === "call" && e.callSid === answer.callSid);
  const decided = await f.waitFor((e) => e.type === "call_action" && e.callSid === answer.callSid);
  return { answer, shown, decided };
}

/** A text and Baton's answer to it: queued after anything else for this customer, so what was coming has come. */
async function textAndWaitForAnswer(s: RunningSandbox, f: FeedFollower, from: string, body: string) {
  const before = textsTo(f, from).length;
  await s.post("text", { from, body });
  await expect.poll(() => textsTo(f, from).length, { timeout: 5000 }).toBeGreaterThan(before);
}

describe("the sandbox phone's Call button: a missed call, then Baton's text-back on that phone", () => {
  it("shows the call, then texts the caller back once; a second call within the cooldown gets no text", async () => {
    const { s, f } = await start();
    const first = await call(s, f, MARIA);
    expect(first.answer.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(first.answer.action).toBe("text");
    expect(first.shown).toMatchObject({ phone: MARIA, outcome: "no-answer", dealerNumber: expect.any(String) });
    expect(first.decided).toMatchObject({ action: "text" });

    // The text-back arrives on Maria's phone, after the call, and is delivered like any text.
    const textBack = await f.waitFor(isTextBack(MARIA));
    expect(textBack.id).toBeGreaterThan(first.shown.id);
    expect(textBack.dealerNumber).toBe(first.shown.dealerNumber);
    await f.waitFor((e) => e.type === "status" && e.providerId === textBack.providerId && e.status === "delivered");

    // An hour later she calls again (busy this time): the call shows, and no second text-back comes.
    await s.post("clock", { advanceMs: 3_600_000 });
    const second = await call(s, f, MARIA, "busy");
    expect(second.shown).toMatchObject({ phone: MARIA, outcome: "busy" });
    expect(second.answer.action).toBe("cooldown");
    expect(second.decided).toMatchObject({ action: "cooldown" });
    expect(second.answer.conversationId).toBe(first.answer.conversationId);
    await textAndWaitForAnswer(s, f, MARIA, "Do you have any trucks?");
    expect(f.events.filter(isTextBack(MARIA))).toHaveLength(1);

    // Another phone is not held by Maria's cooldown.
    expect((await call(s, f, DEREK, "canceled")).answer.action).toBe("text");
    await f.waitFor(isTextBack(DEREK));

    // A page opened later (a reload) replays the calls and the text-back.
    const later = await followSandboxFeed(s.url);
    feeds.push(later);
    await later.waitFor(isTextBack(DEREK));
    expect(later.events.filter((e) => e.type === "call").map((e) => [e.phone, e.outcome])).toEqual([
      [MARIA, "no-answer"],
      [MARIA, "busy"],
      [DEREK, "canceled"],
    ]);
  });

  it("does not text a caller whose conversation a rep has claimed: the rep is told in the card's thread", async () => {
    const { s, f } = await start();
    await s.post("text", { from: MARIA, body: "What's your best price on the Tacoma?" });
    const card = await f.waitFor((e) => e.type === "card");
    await s.post("action", { actionId: "baton_claim", value: card.conversationId, ts: card.ts, repId: JORDAN });
    await f.waitFor((e) => e.type === "thread" && String(e.text).includes("claimed this conversation"));
    const textsBefore = textsTo(f, MARIA).length;

    const { answer, decided } = await call(s, f, MARIA);
    expect(answer).toMatchObject({ action: "owner", conversationId: card.conversationId });
    expect(decided).toMatchObject({ action: "owner" });
    const told = await f.waitFor(
      (e) => e.type === "thread" && e.ts === card.ts && String(e.text).includes("missed a call from the customer"),
    );
    expect(told).toMatchObject({ kind: "warning", mention: JORDAN });
    expect(textsTo(f, MARIA)).toHaveLength(textsBefore);
  });

  it("refuses a call that is not from a phone number, or with an outcome that is not a missed call", async () => {
    const { s, f } = await start();
    const refused = [
      await s.post("call", { from: "Maria" }),
      await s.post("call", { from: MARIA, outcome: "completed" }),
      await s.post("call", {}),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(await refused[1]!.json()).toEqual({ error: "invalid outcome" });
    expect(f.events.some((e) => e.type === "call")).toBe(false);
  });
});
