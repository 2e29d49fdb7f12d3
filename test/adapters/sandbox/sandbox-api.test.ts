import { get } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { renderHandoffCard } from "../../../src/adapters/staff-chat/slack/render-handoff-card.js";
import { readCard } from "../../../src/core/use-cases/read-card.js";
import { followSandboxFeed, type FeedEvent, type FeedFollower } from "../../helpers/follow-sandbox-feed.js";
import { startSandbox, type RunningSandbox } from "../../helpers/start-sandbox.js";

const MARIA = "+15125550101";
const DEREK = "+15125550102";
const JORDAN = "U0SBJORDAN";
const PRIYA = "U0SBPRIYA";

let sandbox: RunningSandbox | undefined;
let feed: FeedFollower | undefined;
afterEach(async () => {
  feed?.stop();
  await sandbox?.stop();
  sandbox = feed = undefined;
});

async function start(env: Record<string, string> = {}) {
  sandbox = await startSandbox(env);
  feed = await followSandboxFeed(sandbox.url);
  return { s: sandbox, f: feed };
}
/** fetch may not set Host; node:http may. */
function statusWithHost(url: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) =>
    get(url, { headers: { host } }, (res) => (res.resume(), resolve(res.statusCode))).on("error", reject),
  );
}
const smsTo = (phone: string, text: string) => (e: FeedEvent) =>
  e.type === "sms" && e.direction === "out" && e.phone === phone && String(e.body).includes(text);

describe("the sandbox API: the page's texts, clicks and replies go through Baton's use cases", () => {
  it("answers a text, posts Slack's own Block Kit card on a handoff, and relays only the owner's reply", async () => {
    const { s, f } = await start();
    expect((await s.post("text", { from: MARIA, body: "Is the Tacoma still available? I'm Maria" })).status).toBe(202);
    const answer = await f.waitFor(smsTo(MARIA, "Tacoma"));
    expect(answer).toMatchObject({ segments: 1, encoding: "GSM-7", status: "sent" });
    await f.waitFor((e) => e.type === "status" && e.providerId === answer.providerId && e.status === "delivered");

    await s.post("text", { from: MARIA, body: "What's your best price on the Tacoma?" });
    const card = await f.waitFor((e) => e.type === "card");
    const ts = String(card.ts);
    const conversationId = String(card.conversationId);

    expect(
      await (await s.post("action", { actionId: "baton_claim", value: conversationId, ts, repId: JORDAN })).json(),
    ).toEqual({ ok: true });
    expect(
      await (await s.post("action", { actionId: "baton_claim", value: conversationId, ts, repId: PRIYA })).json(),
    ).toMatchObject({ ok: false });
    await f.waitFor(
      (e) => e.type === "ephemeral" && e.userId === PRIYA && String(e.text).includes("Already claimed by Jordan Lee"),
    );
    await f.waitFor(smsTo(MARIA, "Jordan Lee from our sales team"));
    // The very Block Kit a Slack card gets (its last messages may already be one text behind).
    const redrawn = f.events.filter((e) => e.type === "card").at(-1)! as FeedEvent & { blocks: { type: string }[] };
    const slack = renderHandoffCard((await readCard(s.baton.deps, conversationId))!);
    expect(redrawn.text).toBe(slack.text);
    expect(redrawn.blocks.map((b) => b.type)).toEqual(slack.blocks.map((b) => b.type));
    expect(redrawn.blocks.at(-1)).toEqual(slack.blocks.at(-1)); // the buttons: Hand back, Resolve with its confirm

    expect(await (await s.post("reply", { ts, repId: PRIYA, text: "who's on this?" })).json()).toEqual({
      outcome: "refused",
    });
    expect(await (await s.post("reply", { ts, repId: JORDAN, text: "// ready to buy" })).json()).toEqual({
      outcome: "internal",
    });
    expect(await (await s.post("reply", { ts, repId: JORDAN, text: "Hi Maria, Jordan here." })).json()).toEqual({
      outcome: "sent",
    });
    await f.waitFor(smsTo(MARIA, "Jordan here"));
    expect(f.events.some(smsTo(MARIA, "who's on this")) || f.events.some(smsTo(MARIA, "ready to buy"))).toBe(false);

    await s.post("text", { from: MARIA, body: "Sounds good" });
    await f.waitFor((e) => e.type === "thread" && e.kind === "customer" && e.text === "Sounds good");
  });

  it("shows an undelivered text in the thread when the phone has no signal, and lets the carrier answer STOP", async () => {
    const { s, f } = await start();
    await s.post("text", { from: DEREK, body: "Can I talk to a person about financing?" });
    const card = await f.waitFor((e) => e.type === "card");
    await s.post("signal", { phone: DEREK, reachable: false });
    await s.post("action", { actionId: "baton_claim", value: card.conversationId, ts: card.ts, repId: JORDAN });
    await f.waitFor((e) => e.type === "status" && e.status === "undeliverable" && e.reason === "unreachable");
    await f.waitFor(
      (e) =>
        e.type === "thread" &&
        e.kind === "warning" &&
        String(e.text).includes("was not delivered: the phone is unreachable (off or out of coverage)"),
    );

    await s.post("signal", { phone: DEREK, reachable: true });
    await s.post("text", { from: DEREK, body: "STOP" });
    await f.waitFor(smsTo(DEREK, "successfully been unsubscribed"));
    // The carrier answers STOP on its own; once Baton has it too, the thread says so and the rep's reply stays unsent.
    await f.waitFor(
      (e) => e.type === "thread" && e.kind === "warning" && String(e.text).includes("opted out of texts"),
    );
    expect(await (await s.post("reply", { ts: card.ts, repId: JORDAN, text: "Are you sure?" })).json()).toEqual({
      outcome: "refused",
    });
  });

  it("runs due work when the fast clock moves: an escalation within the hour, the digest within the day", async () => {
    const { s, f } = await start();
    await s.post("text", { from: DEREK, body: "Can I talk to a real person please?" });
    await f.waitFor((e) => e.type === "card");
    const moved = (await (await s.post("clock", { advanceMs: 3_600_000 })).json()) as { offsetMs: number };
    expect(moved.offsetMs).toBe(3_600_000);
    await f.waitFor((e) => e.type === "managers" && e.kind === "alert" && String(e.text).includes("Unclaimed handoff"));
    await f.waitFor((e) => e.type === "thread" && e.broadcast === true);
    await s.post("clock", { advanceMs: 86_400_000 });
    await f.waitFor((e) => e.type === "managers" && e.kind === "report" && String(e.text).includes("Daily digest"));
    expect((await s.post("clock", { advanceMs: -5 })).status).toBe(400);
  });
});

describe("the sandbox is only for this machine", () => {
  it("refuses proxied requests, foreign host names and non-JSON posts", async () => {
    const { s } = await start();
    expect((await fetch(`${s.url}/sandbox`)).status).toBe(200);
    expect((await fetch(`${s.url}/sandbox`, { headers: { "x-forwarded-for": "203.0.113.7" } })).status).toBe(403);
    expect(await statusWithHost(`${s.url}/sandbox/api/setup`, "baton.attacker.example")).toBe(403); // DNS rebinding
    const form = await fetch(`${s.url}/sandbox/api/text`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `from=${encodeURIComponent(MARIA)}&body=hi`,
    });
    expect(form.status).toBe(400);
  });

  it("answers other machines only with SANDBOX=on", async () => {
    const { s } = await start({ SANDBOX: "on" });
    expect((await fetch(`${s.url}/sandbox`, { headers: { "x-forwarded-for": "203.0.113.7" } })).status).toBe(200);
  });

  it("is not there with SANDBOX=off", async () => {
    sandbox = await startSandbox({ SANDBOX: "off" });
    expect((await fetch(`${sandbox.url}/sandbox`)).status).toBe(404);
  });
});
