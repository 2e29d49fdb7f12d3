import { webApi } from "@slack/bolt";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTwilioClient,
  RedirectingRequestClient,
} from "../../src/adapters/sms/twilio/redirecting-request-client.js";
import { slackFileObject, startFakeSlackApi, type FakeSlackApi } from "./fake-slack-api.js";
import { startFakeTeamsConnector } from "./fake-teams-connector.js";
import { countSegments, startFakeTwilioApi, twilioStyleMediaUrl, type FakeTwilioApi } from "./fake-twilio-api.js";
import { slackMessageEvent } from "./sign-requests.js";

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

describe("fake Slack files with the real WebClient", () => {
  let slack: FakeSlackApi;
  let client: InstanceType<typeof WebClient>;
  const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

  beforeAll(async () => {
    slack = await startFakeSlackApi({ token: "xoxb-test-token" });
    client = new WebClient("xoxb-test-token", { slackApiUrl: slack.url, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.close());

  it("filesUploadV2 stores every file's exact bytes and shares them in one thread message", async () => {
    const res = await client.filesUploadV2({
      channel_id: "C0HANDOFF",
      thread_ts: "1700000000.000100",
      initial_comment: "Photos from the customer",
      file_uploads: [
        { file: jpg, filename: "a.jpg" },
        { file: png, filename: "b.png" },
      ],
    });
    expect(res.ok).toBe(true);
    const [a, b] = [...slack.files.values()];
    expect(a).toMatchObject({
      name: "a.jpg",
      mimetype: "image/jpeg",
      size: jpg.length,
      thread_ts: "1700000000.000100",
    });
    expect(b).toMatchObject({ name: "b.png", mimetype: "image/png", channel: "C0HANDOFF" });
    expect(a!.bytes.equals(jpg) && b!.bytes.equals(png)).toBe(true);
    const shared = [...slack.messages.values()].filter((m) => m.files);
    expect(shared).toEqual([
      {
        channel: "C0HANDOFF",
        ts: expect.any(String),
        thread_ts: "1700000000.000100",
        text: "Photos from the customer",
        files: [a!.id, b!.id],
      },
    ]);
    // The SDK posts each file as a multipart form to upload_url, with the bot token.
    expect(slack.calls.filter((c) => c.method === "file_upload").map((c) => c.token)).toEqual([
      "xoxb-test-token",
      "xoxb-test-token",
    ]);
  });

  it("completing an unknown, not uploaded, or short upload fails like Slack", async () => {
    await expect(client.files.completeUploadExternal({ files: [{ id: "F0NOPE" }] })).rejects.toMatchObject({
      data: { error: "file_not_found" },
    });
    const never = await client.files.getUploadURLExternal({ filename: "c.pdf", length: 3 });
    await expect(client.files.completeUploadExternal({ files: [{ id: never.file_id! }] })).rejects.toMatchObject({
      data: { error: "file_not_found" },
    });
    const short = await client.files.getUploadURLExternal({ filename: "d.pdf", length: 10 });
    const posted = await fetch(short.upload_url!, { method: "POST", body: Buffer.from("abc") });
    expect([posted.status, await posted.text()]).toEqual([200, "OK - 3"]);
    await expect(client.files.completeUploadExternal({ files: [{ id: short.file_id! }] })).rejects.toMatchObject({
      data: { error: "file_upload_size_mismatch" },
    });
  });

  it("a seeded file downloads with the bot token, and redirects to sign-in without it", async () => {
    const file = slack.addFile({ name: "car photo.heic", bytes: jpg });
    expect(file).toMatchObject({ mimetype: "image/heic", filetype: "heic", size: jpg.length });
    expect(new URL(file.url_private_download).pathname).toBe(
      `/files-pri/${slack.bot.teamId}-${file.id}/download/car%20photo.heic`,
    );
    const before = slack.downloads;
    for (const url of [file.url_private, file.url_private_download]) {
      const ok = await fetch(url, { headers: { authorization: "Bearer xoxb-test-token" } });
      expect([ok.status, ok.headers.get("content-type")]).toEqual([200, "image/heic"]);
      expect(Buffer.from(await ok.arrayBuffer()).equals(jpg)).toBe(true);
    }
    expect(slack.downloads).toBe(before + 2);

    const anon = await fetch(file.url_private, { redirect: "manual" });
    expect(anon.status).toBe(302);
    const wrong = await fetch(file.url_private, { headers: { authorization: "Bearer xoxb-other" } });
    expect([wrong.status, wrong.headers.get("content-type"), await wrong.text()]).toEqual([
      200,
      "text/html; charset=utf-8",
      "<html>login</html>",
    ]);
    expect(slack.downloads).toBe(before + 2);
  });

  it("failNextDownloads answers the status for n downloads", async () => {
    const file = slack.addFile({ name: "x.pdf", mimetype: "application/pdf", bytes: png });
    slack.failNextDownloads(1, 503);
    const get = () => fetch(file.url_private_download, { headers: { authorization: "Bearer xoxb-test-token" } });
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(200);
    expect(
      (
        await fetch(file.url_private.replace(file.id, "F0NOPE"), {
          headers: { authorization: "Bearer xoxb-test-token" },
        })
      ).status,
    ).toBe(404);
  });

  it("slackMessageEvent builds a file_share message, and is unchanged without files", () => {
    const file = slack.addFile({ name: "trade-in.jpg", bytes: jpg });
    const shared = slackMessageEvent({
      user: "U0REP0001",
      text: "",
      channel: "C0HANDOFF",
      ts: "1700000001.000100",
      subtype: "file_share",
      files: [slackFileObject(file)],
    });
    expect(shared).toMatchObject({
      type: "message",
      subtype: "file_share",
      text: "",
      upload: false,
      files: [
        {
          id: file.id,
          mimetype: "image/jpeg",
          filetype: "jpg",
          mode: "hosted",
          url_private_download: file.url_private_download,
        },
      ],
    });
    expect(shared).not.toHaveProperty("blocks");
    const plain = slackMessageEvent({ user: "U0REP0001", text: "hi", channel: "C0HANDOFF", ts: "1700000001.000200" });
    expect(Object.keys(plain)).toEqual([
      "client_msg_id",
      "type",
      "text",
      "user",
      "ts",
      "team",
      "blocks",
      "channel",
      "event_ts",
      "channel_type",
    ]);
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

  it("serves seeded MMS media with Basic auth, 401 without, and its Media resource", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const first = fake.addMedia({ contentType: "image/jpeg", bytes });
    const second = fake.addMedia({ contentType: "image/png", bytes, messageSid: first.messageSid });
    expect(first.url).toMatch(
      new RegExp(`^${fake.url}/2010-04-01/Accounts/${accountSid}/Messages/MM[0-9a-f]{32}/Media/ME[0-9a-f]{32}$`),
    );
    expect(second.messageSid).toBe(first.messageSid);
    expect(twilioStyleMediaUrl(accountSid, first.messageSid, first.mediaSid)).toBe(
      first.url.replace(fake.url, "https://api.twilio.com"),
    );
    const auth = `Basic ${Buffer.from(`${accountSid}:fake-token`).toString("base64")}`;
    const before = fake.mediaFetches;
    const res = await fetch(first.url, { headers: { authorization: auth } });
    expect([res.status, res.headers.get("content-type"), res.headers.get("content-length")]).toEqual([
      200,
      "image/jpeg",
      "7",
    ]);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(fake.mediaFetches).toBe(before + 1);
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", status: 200 });
    expect((await fetch(first.url)).status).toBe(401);

    const resource = await fetch(`${second.url}.json`, { headers: { authorization: auth } });
    expect(await resource.json()).toMatchObject({
      sid: second.mediaSid,
      parent_sid: first.messageSid,
      content_type: "image/png",
      account_sid: accountSid,
    });
    expect(
      (await fetch(first.url.replace(first.mediaSid, `ME${"0".repeat(32)}`), { headers: { authorization: auth } }))
        .status,
    ).toBe(404);
  });

  it("media removed through the SDK is gone; failNextMediaFetches fails n fetches", async () => {
    const { url, messageSid, mediaSid } = fake.addMedia({ contentType: "image/gif", bytes: Buffer.from("GIF89a") });
    const auth = `Basic ${Buffer.from(`${accountSid}:fake-token`).toString("base64")}`;
    fake.failNextMediaFetches(1, { status: 503 });
    await expect(fetch(url, { headers: { authorization: auth } }).then((r) => r.json())).resolves.toMatchObject({
      status: 503,
      code: 20503,
    });
    expect((await fetch(url, { headers: { authorization: auth } })).status).toBe(200);

    await expect(client.messages(messageSid).media(mediaSid).remove()).resolves.toBe(true);
    expect(fake.deletedMedia).toContain(mediaSid);
    expect((await fetch(url, { headers: { authorization: auth } })).status).toBe(404);
    await expect(client.messages(messageSid).media(mediaSid).remove()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });

  it("messages.create with mediaUrl records mediaUrls", async () => {
    const [a, b] = ["https://baton.example.com/media/1.jpg", "https://baton.example.com/media/2.png"];
    const msg = await client.messages.create({
      to: "+15125550100",
      from: "+15125550199",
      body: "pics",
      mediaUrl: [a, b],
    });
    expect(msg.numMedia).toBe("2");
    expect(fake.messages.find((m) => m.sid === msg.sid)).toMatchObject({
      mediaUrls: [a, b],
      params: { MediaUrl: [a, b] },
    });
    expect(fake.messages[0]!.mediaUrls).toEqual([]);
  });

  it("waitForMessages resolves for sends still to come, and times out otherwise", async () => {
    const pending = fake.waitForMessages(fake.messages.length + 1, { timeoutMs: 2_000 });
    await client.messages.create({ to: "+15125550100", from: "+15125550199", body: "later" });
    expect((await pending).at(-1)?.body).toBe("later");
    await expect(fake.waitForMessages(99, { timeoutMs: 30 })).rejects.toThrow(/of 99 messages/);
  });
});

describe("fake Teams connector attachments", () => {
  it("serves an inline image under serviceUrl and records the download with its authorization", async () => {
    const teams = await startFakeTeamsConnector();
    try {
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 9, 9]);
      const { id, contentUrl } = teams.addAttachment({ contentType: "image/png", bytes });
      expect(contentUrl).toBe(`${teams.serviceUrl}v3/attachments/${id}/views/original`);
      const res = await fetch(contentUrl, { headers: { authorization: "Bearer bot-token" } });
      expect([res.status, res.headers.get("content-type")]).toEqual([200, "image/png"]);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      expect(await teams.waitFor((c) => c.kind === "attachment")).toMatchObject({
        attachmentId: id,
        method: "GET",
        authorization: "Bearer bot-token",
      });
      expect((await fetch(contentUrl.replace(id, "0-unknown"))).status).toBe(404);
    } finally {
      await teams.close();
    }
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
