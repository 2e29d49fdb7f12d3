import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingLogger } from "../helpers/recording-logger.js";
import {
  signSlackRequest,
  signTwilioRequest,
  slackBlockActionsBody,
  toFormBody,
  twilioInboundSmsParams,
} from "../helpers/sign-requests.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  DEALER_NUMBER,
  PUBLIC_URL,
  SIGNING_SECRET,
  startBaton,
  type RunningBaton,
} from "../helpers/start-baton.js";

let seq = 0;
const nextCustomer = () => `+1512555${String(2000 + ++seq).padStart(4, "0")}`;

describe("bad input gets a clear answer and loses nothing", () => {
  let run: RunningBaton;
  const logs = recordingLogger();
  beforeAll(async () => {
    run = await startBaton({}, { logger: logs });
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

  it("takes a text signed over the webhook URL the README gives, with Twilio's connection overrides", async () => {
    const customer = nextCustomer();
    const params = twilioInboundSmsParams({
      from: customer,
      to: DEALER_NUMBER,
      body: "Is the Civic still there?",
      accountSid: ACCOUNT_SID,
    });
    const res = await fetch(`${run.url}/twilio/sms`, {
      method: "POST",
      // The fragment is never sent; Twilio signs the URL as it was set in the Console.
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms#rc=5&rp=all`, params),
      },
      body: toFormBody(params),
    });
    expect(res.status).toBe(200);
    await run.baton.idle();
    expect(await run.baton.database.prisma.message.count({ where: { providerId: params.MessageSid } })).toBe(1);
  });

  it("refuses a wrongly signed Slack request", async () => {
    const res = await fetch(`${run.url}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
        "x-slack-signature": "v0=" + "0".repeat(64),
      },
      body: JSON.stringify({ type: "event_callback", event: { type: "message" } }),
    });
    expect(res.status).toBe(401);
  });

  it("processes a duplicate MessageSid once: one stored message, one reply", async () => {
    const customer = nextCustomer();
    const sid = "SM" + "d".repeat(32);
    const sends = run.twilio.messages.length;
    const [a, b] = await Promise.all([
      run.text(customer, "Do you have any Camrys?", { sid }),
      run.text(customer, "Do you have any Camrys?", { sid }),
    ]);
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
    const stored = await run.baton.database.prisma.message.findFirst({
      where: { direction: "inbound", conversation: { customer: { phone: customer } } },
    });
    expect(stored?.body).toBe(body);
    expect(stored?.numMedia).toBe(numMedia);
    expect(stored?.status).toBe("handled");
    const replies = run.twilio.messages.slice(sends).filter((m) => m.to === customer);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.trim().length).toBeGreaterThan(0);
  });

  it("ignores a thread reply under a message that is not a Baton card", async () => {
    const sends = run.twilio.messages.length;
    const res = await run.replyInThread("U0SOMEONE1", "lunch anyone?", {
      channel: "C0RANDOM001",
      ts: "1699999999.000100",
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(run.twilio.messages.length).toBe(sends);
    expect(
      run.slack.calls.filter((c) => c.method === "chat.postEphemeral" && c.body.channel === "C0RANDOM001"),
    ).toHaveLength(0);
  });

  /** A Twilio webhook signed as Twilio would sign it, with any params. */
  const postTwilio = (params: Record<string, string>) =>
    fetch(`${run.url}/twilio/sms`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params),
      },
      body: toFormBody(params),
    });
  const postSlack = (body: string, headers: Record<string, string>) =>
    fetch(`${run.url}/slack/events`, { method: "POST", headers, body });

  describe("the bad-input table: a clear status, a log line, nothing stored half-way", () => {
    it("a text to a number no rooftop uses: 404, logged, nothing stored", async () => {
      const before = await countMessages();
      const res = await postTwilio(
        twilioInboundSmsParams({ from: nextCustomer(), to: "+19995550000", body: "hi", accountSid: ACCOUNT_SID }),
      );
      expect(res.status).toBe(404);
      expect(logs.find("warn", "no rooftop is configured with")).toBeDefined();
      expect(await countMessages()).toBe(before);
    });

    it("an invalid From: 400 naming the field, logged, nothing stored", async () => {
      const before = await countMessages();
      const res = await postTwilio(
        twilioInboundSmsParams({ from: "not-a-number", to: DEALER_NUMBER, body: "hi", accountSid: ACCOUNT_SID }),
      );
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("From");
      expect(logs.find("warn", "missing or malformed field")?.obj).toMatchObject({ field: "From" });
      expect(await countMessages()).toBe(before);
    });

    it("a malformed form body (no MessageSid): 400, logged, nothing stored", async () => {
      const before = await countMessages();
      const { MessageSid: _dropped, ...params } = twilioInboundSmsParams({
        from: nextCustomer(),
        to: DEALER_NUMBER,
        body: "hi",
        accountSid: ACCOUNT_SID,
      });
      const res = await postTwilio(params);
      expect(res.status).toBe(400);
      expect(logs.find("warn", "MessageSid")).toBeDefined();
      expect(await countMessages()).toBe(before);
    });

    it("an oversize body: 413, logged, nothing stored", async () => {
      const before = await countMessages();
      const res = await fetch(`${run.url}/twilio/sms`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `Body=${"a".repeat(70_000)}`,
      });
      expect(res.status).toBe(413);
      // Each refusal is logged once, by the error handler, with its status and path.
      const refusal = logs.lines.find(
        (l) => l.msg.includes("refused a request") && (l.obj as { status?: number }).status === 413,
      );
      expect(refusal).toMatchObject({ level: "warn", obj: { path: "/twilio/sms", code: "too_large" } });
      expect(await countMessages()).toBe(before);
    });

    it("/slack/events: an unsigned request or a body larger than Slack sends is refused before it is read", async () => {
      expect((await postSlack("{}", { "content-type": "application/json" })).status).toBe(401);
      const huge = "x".repeat(2_000_000);
      const res = await postSlack(huge, {
        "content-type": "application/json",
        "x-slack-signature": "v0=abc",
        "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
      });
      expect(res.status).toBe(413);
      expect(logs.find("warn", "body too large")?.obj).toMatchObject({ status: 413, path: "/slack/events" });
    });

    it("a text with a NUL character (PostgreSQL cannot store one): stored without it and answered", async () => {
      const customer = nextCustomer();
      const res = await postTwilio(
        twilioInboundSmsParams({
          from: customer,
          to: DEALER_NUMBER,
          body: "hours\u0000 today?",
          accountSid: ACCOUNT_SID,
        }),
      );
      expect(res.status).toBe(200);
      await run.baton.idle();
      const stored = await run.baton.database.prisma.message.findFirst({
        where: { direction: "inbound", conversation: { customer: { phone: customer } } },
      });
      expect(stored?.body).toBe("hours today?");
      expect(run.twilio.messages.filter((m) => m.to === customer)).toHaveLength(1);
    });

    it("invalid JSON on /slack/events, correctly signed: 400, logged, nothing stored", async () => {
      const before = await countMessages();
      const body = '{"type": "event_callback", "event": ';
      const res = await postSlack(body, signSlackRequest(SIGNING_SECRET, body));
      expect(res.status).toBe(400);
      expect(logs.lines.some((l) => l.level !== "debug" && /Parsing request body failed/.test(l.msg))).toBe(true);
      expect(await countMessages()).toBe(before);
    });

    it("a replayed Slack request older than five minutes: refused with 401 and logged, even with a valid signature", async () => {
      const body = slackBlockActionsBody({
        userId: "U0REPLAY01",
        userName: "replay",
        actionId: "baton_claim",
        value: "00000000-0000-4000-8000-000000000000",
        channelId: "C0HANDOFF01",
        messageTs: "1700000000.000100",
        responseUrl: run.slack.responseUrl(),
      });
      const res = await postSlack(body, signSlackRequest(SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60));
      expect(res.status).toBe(401);
      expect(logs.lines.some((l) => l.level !== "debug" && /Timestamp is too old/.test(l.msg))).toBe(true);
      expect(
        run.slack.calls.filter((c) => c.method === "chat.postEphemeral" && c.body.user === "U0REPLAY01"),
      ).toHaveLength(0);
    });

    it("a Slack action that is not one of Baton's buttons: acknowledged at once, logged, nothing changes", async () => {
      const callsBefore = run.slack.calls.length;
      const body = slackBlockActionsBody({
        userId: "U0OTHER001",
        userName: "other",
        actionId: "someone_elses_button",
        value: "x",
        channelId: "C0HANDOFF01",
        messageTs: "1700000000.000200",
        responseUrl: run.slack.responseUrl(),
      });
      const res = await postSlack(body, signSlackRequest(SIGNING_SECRET, body));
      expect(res.status).toBe(200);
      expect(logs.find("warn", "not one of Baton's buttons")?.obj).toMatchObject({ actionId: "someone_elses_button" });
      expect(run.slack.calls.slice(callsBefore).filter((c) => c.method !== "auth.test")).toHaveLength(0);
    });

    it("keeps serving after all of the above", async () => {
      expect((await fetch(`${run.url}/healthz`)).status).toBe(200);
      const customer = nextCustomer();
      expect((await run.text(customer, "Are you open Saturday?")).status).toBe(200);
      await run.baton.idle();
      expect(run.twilio.messages.filter((m) => m.to === customer)).toHaveLength(1);
    });
  });
});
