import { webApi } from "@slack/bolt";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTwilioClient,
  RedirectingRequestClient,
} from "../../src/adapters/sms/twilio/redirecting-request-client.js";
import { startFakeSlackApi, type FakeSlackApi } from "./fake-slack-api.js";
import { countSegments, startFakeTwilioApi, type FakeTwilioApi } from "./fake-twilio-api.js";

// @slack/web-api comes through @slack/bolt (the declared dependency), exactly as Bolt's App uses it.
const { WebClient, ErrorCode } = webApi;

describe("fake Slack Web API with the real WebClient", () => {
  let slack: FakeSlackApi;
  let client: InstanceType<typeof WebClient>;

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    slack.users.set("U0REP0001", { name: "dana", real_name: "Dana Reyes", display_name: "Dana" });
    client = new WebClient("xoxb-test-token", { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.close());

  it("auth.test reports the bot identity", async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({
      ok: true,
      user_id: slack.bot.userId,
      bot_id: slack.bot.botId,
      team_id: slack.bot.teamId,
    });
  });

  it("chat.postMessage: records token and parsed blocks, answers channel + increasing ts", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*New lead*" } }];
    const first = await client.chat.postMessage({ channel: "C0HANDOFF", text: "New lead", blocks });
    const second = await client.chat.postMessage({ channel: "C0HANDOFF", text: "in thread", thread_ts: first.ts! });
    expect(first).toMatchObject({ ok: true, channel: "C0HANDOFF", message: { text: "New lead", blocks } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(second.message).toMatchObject({ thread_ts: first.ts });

    const call = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.text === "New lead");
    expect(call.token).toBe("xoxb-test-token");
    expect(call.body.blocks).toEqual(blocks); // sent as a JSON string inside the form, parsed back
    expect(call.response.body.ts).toBe(first.ts);
  });

  it("chat.update changes a posted message; an unknown ts is message_not_found", async () => {
    const posted = await client.chat.postMessage({ channel: "C0HANDOFF", text: "Pending" });
    const updated = await client.chat.update({ channel: "C0HANDOFF", ts: posted.ts!, text: "Claimed by Dana" });
    expect(updated).toMatchObject({ ok: true, channel: "C0HANDOFF", ts: posted.ts, text: "Claimed by Dana" });
    expect(slack.messages.get(posted.ts!)?.text).toBe("Claimed by Dana");
    await expect(client.chat.update({ channel: "C0HANDOFF", ts: "1.000001", text: "x" })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: "message_not_found" },
    });
  });

  it("chat.postEphemeral answers message_ts", async () => {
    const res = await client.chat.postEphemeral({ channel: "C0HANDOFF", user: "U0REP0001", text: "Already claimed" });
    expect(res.ok).toBe(true);
    expect(res.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect((await slack.waitFor("chat.postEphemeral")).body).toMatchObject({
      user: "U0REP0001",
      text: "Already claimed",
    });
  });

  it("users.info reads the seeded users; unknown is user_not_found", async () => {
    const res = await client.users.info({ user: "U0REP0001" });
    expect(res.user).toMatchObject({
      id: "U0REP0001",
      name: "dana",
      real_name: "Dana Reyes",
      profile: { display_name: "Dana" },
    });
    await expect(client.users.info({ user: "U0NOBODY" })).rejects.toMatchObject({ data: { error: "user_not_found" } });
  });

  it("conversations.info and unknown methods answer ok and are recorded", async () => {
    expect((await client.conversations.info({ channel: "C0HANDOFF" })).channel).toMatchObject({
      id: "C0HANDOFF",
      is_member: true,
    });
    await client.reactions.add({ channel: "C0HANDOFF", timestamp: "1700000000.000100", name: "eyes" });
    expect((await slack.waitFor("reactions.add")).body).toMatchObject({ name: "eyes" });
  });

  it("failNext injects a platform error, then the method works again", async () => {
    slack.failNext("chat.postMessage", { error: "channel_not_found" });
    await expect(client.chat.postMessage({ channel: "C0GONE", text: "hi" })).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
    await expect(client.chat.postMessage({ channel: "C0HANDOFF", text: "hi" })).resolves.toMatchObject({ ok: true });
  });

  it("failNext 429 sends Retry-After; the WebClient reports the rate limit", async () => {
    const strict = new WebClient("xoxb-test-token", {
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    slack.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 7 });
    await expect(strict.chat.postMessage({ channel: "C0HANDOFF", text: "hi" })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
  });

  it("a missing token is not_authed; response_url posts are recorded", async () => {
    await expect(
      new WebClient(undefined, { slackApiUrl: slack.url, retryConfig: { retries: 0 } }).auth.test(),
    ).rejects.toMatchObject({
      data: { error: "not_authed" },
    });
    const url = slack.responseUrl();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "Claimed", replace_original: false }),
    });
    expect(res.status).toBe(200);
    const call = await slack.waitFor("response_url");
    expect(call).toMatchObject({ path: new URL(url).pathname, body: { text: "Claimed" } });
  });

  it("waitFor times out with the calls seen so far", async () => {
    await expect(slack.waitFor("views.open", { timeoutMs: 50 })).rejects.toThrow(
      /no matching call within 50 ms; calls so far: auth.test/,
    );
  });
});

describe("fake Twilio API with the real twilio client", () => {
  const accountSid = `AC${"1".repeat(32)}`;
  let fake: FakeTwilioApi;
  let client: twilio.Twilio;

  beforeAll(async () => {
    fake = await startFakeTwilioApi({ accountSid, authToken: "fake-token" });
    client = createTwilioClient({ accountSid, authToken: "fake-token", apiUrl: fake.url });
  });
  afterAll(() => fake.close());

  it("messages.create returns the fake's sid and records the message", async () => {
    const msg = await client.messages.create({
      to: "+15125550100",
      from: "+15125550199",
      body: "Hi, it's Baton",
      statusCallback: "https://baton.example.com/webhooks/twilio/status",
    });
    expect(msg.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(msg).toMatchObject({ status: "queued", numSegments: "1", direction: "outbound-api", accountSid });
    expect(msg.dateCreated).toBeInstanceOf(Date);
    const [sent] = await fake.waitForMessages(1);
    expect(sent).toMatchObject({
      sid: msg.sid,
      to: "+15125550100",
      from: "+15125550199",
      body: "Hi, it's Baton",
      statusCallback: "https://baton.example.com/webhooks/twilio/status",
    });
    expect((await client.messages(msg.sid).fetch()).body).toBe("Hi, it's Baton");
  });

  it("a Messaging Service send is accepted with no sender yet", async () => {
    const msg = await client.messages.create({
      to: "+15125550100",
      messagingServiceSid: `MG${"2".repeat(32)}`,
      body: "via service",
    });
    expect(msg).toMatchObject({ status: "accepted", from: null, messagingServiceSid: `MG${"2".repeat(32)}` });
  });

  it("failNext 21610 surfaces as a RestException with code 21610 and status 400", async () => {
    fake.failNext(1, { status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" });
    const err: unknown = await client.messages
      .create({ to: "+15125550100", from: "+15125550199", body: "x" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(twilio.RestException);
    expect(err).toMatchObject({
      status: 400,
      code: 21610,
      message: "Attempt to send to unsubscribed recipient",
      moreInfo: "https://www.twilio.com/docs/errors/21610",
    });
  });

  it("failNext 500 surfaces as an error, and only for n requests", async () => {
    fake.failNext(2, { status: 500 });
    const send = () => client.messages.create({ to: "+15125550100", from: "+15125550199", body: "retry me" });
    await expect(send()).rejects.toMatchObject({ status: 500, code: 20500 });
    await expect(send()).rejects.toMatchObject({ status: 500 });
    await expect(send()).resolves.toMatchObject({ status: "queued" });
    expect(fake.requests.filter((r) => r.status === 500)).toHaveLength(2);
  });

  it("Twilio's own validation errors and wrong credentials", async () => {
    await expect(client.messages.create({ to: "+15125550100", from: "+15125550199", body: "" })).rejects.toMatchObject({
      status: 400,
      code: 21602,
    });
    const wrong = createTwilioClient({ accountSid, authToken: "wrong", apiUrl: fake.url });
    await expect(wrong.messages.create({ to: "+15125550100", from: "+15125550199", body: "x" })).rejects.toMatchObject({
      status: 401,
      code: 20003,
    });
  });

  it("waitForMessages resolves for sends still to come, and times out otherwise", async () => {
    const pending = fake.waitForMessages(fake.messages.length + 1, { timeoutMs: 2_000 });
    await client.messages.create({ to: "+15125550100", from: "+15125550199", body: "later" });
    expect((await pending).at(-1)?.body).toBe("later");
    await expect(fake.waitForMessages(99, { timeoutMs: 30 })).rejects.toThrow(/of 99 messages/);
  });
});

describe("RedirectingRequestClient.rewrite", () => {
  const rc = new RedirectingRequestClient("https://sms.example.com/api/laml/");
  it.each([
    [
      "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
      "https://sms.example.com/api/laml/2010-04-01/Accounts/AC1/Messages.json",
    ],
    [
      "https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
      "https://sms.example.com/api/laml/2010-04-01/Accounts/AC1/Messages.json",
    ],
    ["https://messaging.twilio.com:443/v1/Services", "https://sms.example.com/api/laml/v1/Services"],
    ["https://example.org/2010-04-01/x", "https://example.org/2010-04-01/x"],
    ["https://api.twilio.com.evil.example/2010-04-01/x", "https://api.twilio.com.evil.example/2010-04-01/x"],
  ])("%s", (from, to) => expect(rc.rewrite(from)).toBe(to));

  it("rejects a non-http base URL", () => {
    expect(() => new RedirectingRequestClient("ftp://x")).toThrow(/TWILIO_API_URL/);
  });

  it("counts SMS segments like Twilio (GSM-7 vs UCS-2)", () => {
    expect([
      countSegments("a".repeat(160)),
      countSegments("a".repeat(161)),
      countSegments("ç".repeat(70)),
      countSegments("ç".repeat(71)),
      countSegments("🚗".repeat(36)),
    ]).toEqual([1, 2, 1, 2, 2]);
  });
});
