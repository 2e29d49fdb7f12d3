import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBaton, type RunningBaton } from "../helpers/start-baton.js";

let seq = 0;
const nextCustomer = () => `+1512555${String(2000 + ++seq).padStart(4, "0")}`;

describe("bad input gets a clear answer and loses nothing", () => {
  let run: RunningBaton;
  beforeAll(async () => {
    run = await startBaton();
  });
  afterAll(async () => run?.stop());

  const countMessages = () => run.baton.database.prisma.message.count();

  it("refuses an unsigned or wrongly signed Twilio webhook with 403 and stores nothing", async () => {
    const before = await countMessages();
    const forged = await run.text(nextCustomer(), "hello", { signature: "bm90IGEgc2lnbmF0dXJl" });
    expect(forged.status).toBe(403);
    const unsigned = await fetch(`${run.url}/twilio/sms`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "From=%2B15125550999&To=%2B15125550100&Body=hi&MessageSid=SM123456789012345678901234567890ab",
    });
    expect(unsigned.status).toBe(403);
    expect(await countMessages()).toBe(before);
    expect(await run.baton.database.prisma.customer.count({ where: { phone: "+15125550999" } })).toBe(0);
  });

  it("refuses a wrongly signed Slack request", async () => {
    const res = await fetch(`${run.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": "v0=" + "0".repeat(64) },
      body: JSON.stringify({ type: "event_callback", event: { type: "message" } }),
    });
    expect(res.status).toBe(401);
  });

  it("processes a duplicate MessageSid once: one stored message, one reply", async () => {
    const customer = nextCustomer();
    const sid = "SM" + "d".repeat(32);
    const sends = run.twilio.messages.length;
    const [a, b] = await Promise.all([run.text(customer, "Do you have any Camrys?", { sid }), run.text(customer, "Do you have any Camrys?", { sid })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await run.baton.idle();
    await run.text(customer, "Do you have any Camrys?", { sid }); // a later Twilio retry
    await run.baton.idle();
    expect(await run.baton.database.prisma.message.count({ where: { providerId: sid } })).toBe(1);
    expect(run.twilio.messages.slice(sends).filter((m) => m.to === customer)).toHaveLength(1);
  });

  it.each([
    ["an empty body", "", 0],
    ["an MMS photo with no text", "", 1],
    ["a 1,600-character text", "I need help with my car. ".repeat(64).slice(0, 1600), 0],
    ["emoji and non-Latin text", "¿Tienen la Tacoma 2024? 🚙🔥 你好 — مرحبا", 0],
  ])("stores and answers %s", async (_label, body, numMedia) => {
    const customer = nextCustomer();
    const sends = run.twilio.messages.length;
    const res = await run.text(customer, body, { numMedia });
    expect(res.status).toBe(200);
    await run.baton.idle();
    const stored = await run.baton.database.prisma.message.findFirst({ where: { direction: "inbound", conversation: { customer: { phone: customer } } } });
    expect(stored?.body).toBe(body);
    expect(stored?.numMedia).toBe(numMedia);
    expect(stored?.status).toBe("handled");
    const replies = run.twilio.messages.slice(sends).filter((m) => m.to === customer);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.trim().length).toBeGreaterThan(0);
  });

  it("ignores a thread reply under a message that is not a Baton card", async () => {
    const sends = run.twilio.messages.length;
    const res = await run.replyInThread("U0SOMEONE1", "lunch anyone?", { channel: "C0RANDOM001", ts: "1699999999.000100" });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(run.twilio.messages.length).toBe(sends);
    expect(run.slack.calls.filter((c) => c.method === "chat.postEphemeral" && c.body.channel === "C0RANDOM001")).toHaveLength(0);
  });

  it("answers a text to a number no rooftop uses without storing it", async () => {
    const before = await countMessages();
    const { signTwilioRequest, toFormBody, twilioInboundSmsParams } = await import("../helpers/sign-requests.js");
    const { AUTH_TOKEN, PUBLIC_URL, ACCOUNT_SID } = await import("../helpers/start-baton.js");
    const params = twilioInboundSmsParams({ from: nextCustomer(), to: "+19995550000", body: "hi", accountSid: ACCOUNT_SID });
    const res = await fetch(`${run.url}/twilio/sms`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params) },
      body: toFormBody(params),
    });
    expect(res.status).toBe(200);
    expect(await countMessages()).toBe(before);
  });
});
