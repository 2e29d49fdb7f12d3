// The outside world of `npm run bench:media`, in its own process: the fake Twilio (which keeps a
// customer's MMS pictures until Baton fetches and deletes them) and the fake Slack (the two-step upload,
// and the files a rep shares), and the customers and reps who text, send pictures and click. Every time
// is taken here, on this process's clock; `events` are on the epoch clock Baton's memory trace uses.
import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { slackFileObject, startFakeSlackApi, type FakeSlackCall } from "../helpers/fake-slack-api.js";
import { startFakeTwilioApi, type FakeTwilioMessage } from "../helpers/fake-twilio-api.js";
import {
  signSlackRequest,
  signTwilioRequest,
  slackBlockActionsBody,
  slackEventBody,
  slackMessageEvent,
  toFormBody,
  twilioInboundSmsParams,
} from "../helpers/sign-requests.js";
import { serveParent } from "./child.js";
import { BENCH } from "./constants.js";
import { send, type LoadRequest } from "./load.js";

export interface MediaWorldReady {
  twilioUrl: string;
  slackUrl: string;
}

/** A card as posted: its Claim button carries the conversation id. */
export interface Card {
  phone: string;
  conversationId: string;
  channel: string;
  ts: string;
}

/** Something the world saw, at `at` (epoch ms, as `performance.timeOrigin + performance.now()`). */
export interface WorldEvent {
  what: string;
  at: number;
}

const SMS_URL = `${BENCH.publicUrl}/twilio/sms`;
const REP = { id: "U0BENCHREP1", name: "bench.rep" };
const epoch = (at: number) => performance.timeOrigin + at;
let customerSeq = 0;
let sidSeq = 0;
const nextPhone = () => `+1${3_000_000_000 + ++customerSeq}`;
const nextSid = (prefix: "SM" | "MM") =>
  `${prefix}${process.pid.toString(16).padStart(8, "0")}${(++sidSeq).toString(16).padStart(24, "0")}`;

/** Incompressible bytes after a JPEG's signature (FF D8 FF E0), as a camera's file is to any compressor. */
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
const jpegs = new Map<number, Buffer>();
/** One buffer per size, shared by every addMedia of that size (the fake keeps a reference, not a copy). */
const jpegOf = (size: number) => jpegs.get(size) ?? (jpegs.set(size, jpeg(size)), jpegs.get(size)!);

// ---------- What the fakes see ----------

const cards: Card[] = [];
/** completeUploadExternal calls by thread_ts: when, and how many files. */
const uploads = new Map<string, { at: number; files: number }[]>();
const cardUpdates = new Set<string>();
const messagesTo = new Map<string, { message: FakeTwilioMessage; at: number }[]>();
let events: WorldEvent[] | undefined;
let wake: (() => void) | undefined;
const note = (what: string, at: number) => events?.push({ what, at: epoch(at) });

const twilio = await startFakeTwilioApi({
  accountSid: BENCH.accountSid,
  authToken: BENCH.authToken,
  onMessage(message, at) {
    const list = messagesTo.get(message.to) ?? [];
    list.push({ message, at });
    messagesTo.set(message.to, list);
    if (message.mediaUrls.length > 0) note("Twilio: messages.create with MediaUrl", at);
    wake?.();
  },
});

const slack = await startFakeSlackApi({
  token: BENCH.botToken,
  record: false,
  onCall(call: FakeSlackCall, at: number) {
    if (call.method === "file_upload") note("Slack: bytes POSTed to upload_url", at);
    if (call.method === "file_download") note("Slack: rep's file downloaded", at);
    if (call.response.body.ok !== true) return;
    if (call.method === "files.getUploadURLExternal") note("Slack: files.getUploadURLExternal", at);
    if (call.method === "chat.postMessage") {
      const conversationId = claimValue(call.body.blocks);
      if (conversationId)
        cards.push({
          phone: "",
          conversationId,
          channel: String(call.response.body.channel),
          ts: String(call.response.body.ts),
        });
    } else if (call.method === "chat.update") {
      cardUpdates.add(String(call.body.ts));
    } else if (call.method === "files.completeUploadExternal") {
      note("Slack: files.completeUploadExternal", at);
      const ts = String(call.body.thread_ts ?? "");
      const list = uploads.get(ts) ?? [];
      list.push({ at, files: Array.isArray(call.body.files) ? call.body.files.length : 0 });
      uploads.set(ts, list);
    }
    wake?.();
  },
});
slack.users.set(REP.id, { name: REP.name, real_name: "Bench Rep", display_name: "Bench Rep" });

// Twilio's media GETs and DELETEs have no hook: its request log is watched every millisecond while
// events are kept (`record: true` for that log; what it keeps is small: no media bytes).
let seenRequests = 0;
const requestName = (r: { method: string; path: string; status: number }) => {
  const what = /\/Media\/ME[^/]*\.json$/.test(r.path)
    ? "media resource"
    : /\/Media\/ME[^/]*$/.test(r.path)
      ? "media file"
      : r.path.replace(/\?.*$/, "").replace(/^.*\//, "");
  return `Twilio: ${r.method} ${what} → ${r.status}`;
};
setInterval(() => {
  if (!events) return;
  for (const r of twilio.requests.slice(seenRequests))
    if (!r.path.endsWith("/Messages.json")) note(requestName(r), performance.now()); // sends: see onMessage
  seenRequests = twilio.requests.length;
}, 1).unref();

function claimValue(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>)
    for (const element of block.elements ?? []) if (element.action_id === "baton_claim") return element.value;
  return undefined;
}

/** Resolves when `done()` holds, checking on each fake call; throws after `timeoutMs`. */
async function waitFor<T>(what: string, done: () => T | undefined, timeoutMs: number): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = done();
    if (value !== undefined) return value;
    const left = until - performance.now();
    if (left <= 0) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(left, 50));
      wake = () => (clearTimeout(timer), resolve());
    });
  }
}

// ---------- What customers and reps send ----------

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

async function post(url: string, request: LoadRequest): Promise<{ ms: number; sentAt: number; answeredAt: number }> {
  const { hostname, port } = new URL(url);
  const t0 = performance.now();
  const answer = await send(agent, hostname, Number(port), request, 30_000);
  const t1 = performance.now();
  if (answer.status !== 200)
    throw new Error(`${request.path}: HTTP ${answer.status} ${answer.error ?? answer.body.slice(0, 120)}`);
  return { ms: t1 - t0, sentAt: t0, answeredAt: t1 };
}

/** A signed inbound webhook; with `photos`, an MMS whose files wait at the fake Twilio. */
function webhook(phone: string, body: string, photos: Buffer[] = []): LoadRequest {
  const messageSid = nextSid(photos.length > 0 ? "MM" : "SM");
  const extra: Record<string, string> = {};
  photos.forEach((bytes, i) => {
    extra[`MediaUrl${i}`] = twilio.addMedia({ contentType: "image/jpeg", bytes }).url;
    extra[`MediaContentType${i}`] = "image/jpeg";
  });
  const params = twilioInboundSmsParams({
    from: phone,
    to: BENCH.dealerNumber,
    body,
    messageSid,
    numMedia: photos.length,
    accountSid: BENCH.accountSid,
    extra,
  });
  return {
    path: "/twilio/sms",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signTwilioRequest(BENCH.authToken, SMS_URL, params),
    },
    body: toFormBody(params),
  };
}

const slackRequest = (body: string): LoadRequest => ({
  path: "/slack/events",
  headers: signSlackRequest(BENCH.signingSecret, body),
  body,
});

const repliesTo = (phone: string) => messagesTo.get(phone)?.length ?? 0;

serveParent({ twilioUrl: twilio.url, slackUrl: slack.url } satisfies MediaWorldReady, {
  /**
   * `n` webhooks one after another (each sent once the last is answered), each from a new customer;
   * with `photoBytes`, each an MMS with one JPEG of that size. Answer times in ms.
   */
  async webhooks(args: { url: string; n: number; text: string; photoBytes?: number }) {
    const photo = args.photoBytes ? [jpegOf(args.photoBytes)] : [];
    const fetches0 = twilio.mediaFetches;
    const deletes0 = twilio.deletedMedia.length;
    const phones: string[] = [];
    const ms: number[] = [];
    for (let i = 0; i < args.n; i++) {
      const phone = nextPhone();
      phones.push(phone);
      const request = webhook(phone, args.text, photo);
      ms.push((await post(args.url, request)).ms);
    }
    return { ms, phones, fetches0, deletes0 };
  },

  /** What the fakes saw since `webhooks` answered: replies to those customers, files fetched and deleted. */
  afterWebhooks(args: { phones: string[]; fetches0: number; deletes0: number }) {
    return {
      replied: args.phones.filter((p) => repliesTo(p) > 0).length,
      fetched: twilio.mediaFetches - args.fetches0,
      deleted: twilio.deletedMedia.length - args.deletes0,
    };
  },

  /** A new customer asks for a person; resolves with their card once it is posted. */
  async card(args: { url: string; text: string }): Promise<Card> {
    const phone = nextPhone();
    const before = cards.length;
    await post(args.url, webhook(phone, args.text));
    const card = await waitFor("the handoff card", () => cards[before], 30_000);
    card.phone = phone;
    return card;
  },

  /**
   * The customer with that card sends an MMS with `photos` JPEGs of `photoBytes` each and words;
   * resolves at the files.completeUploadExternal into the card's thread: ms from sending the webhook.
   */
  async picturesIntoThread(args: { url: string; card: Card; text: string; photos: number; photoBytes: number }) {
    const photos = Array.from({ length: args.photos }, (_, i) => jpeg(args.photoBytes - i));
    const request = webhook(args.card.phone, args.text, photos);
    const before = uploads.get(args.card.ts)?.length ?? 0;
    const { sentAt, answeredAt, ms } = await post(args.url, request);
    note("webhook sent", sentAt);
    note("webhook answered", answeredAt);
    const upload = await waitFor(
      "the upload into the card's thread",
      () => uploads.get(args.card.ts)?.[before],
      30_000,
    );
    return { answerMs: ms, uploadMs: upload.at - sentAt, files: upload.files };
  },

  /** The rep clicks Claim on the card; resolves once the card is updated. */
  async claim(args: { url: string; card: Card }) {
    const body = slackBlockActionsBody({
      userId: REP.id,
      userName: REP.name,
      actionId: "baton_claim",
      value: args.card.conversationId,
      channelId: args.card.channel,
      messageTs: args.card.ts,
      responseUrl: slack.responseUrl(),
    });
    await post(args.url, slackRequest(body));
    await waitFor("the card's update after Claim", () => (cardUpdates.has(args.card.ts) ? true : undefined), 30_000);
  },

  /**
   * The owner shares a JPEG of `bytes` in the card's thread; resolves once Twilio is asked to send it
   * as an MMS and Twilio's fetch of the MediaUrl (from Baton at `url`) has read the whole file.
   */
  async repShares(args: { url: string; card: Card; bytes: number; text: string }) {
    const file = slack.addFile({ name: "walkaround.jpg", mimetype: "image/jpeg", bytes: jpeg(args.bytes) });
    const before = repliesTo(args.card.phone);
    const event = slackMessageEvent({
      user: REP.id,
      text: args.text,
      channel: args.card.channel,
      ts: `${Math.floor(Date.now() / 1000)}.${String(++sidSeq % 1e6).padStart(6, "0")}`,
      threadTs: args.card.ts,
      subtype: "file_share",
      files: [slackFileObject(file)],
    });
    const { sentAt, answeredAt } = await post(args.url, slackRequest(slackEventBody(event)));
    note("Slack event sent", sentAt);
    note("Slack event answered", answeredAt);
    const sent = await waitFor(
      "the MMS to the customer",
      () =>
        messagesTo
          .get(args.card.phone)
          ?.slice(before)
          .find((m) => m.message.mediaUrls.length > 0),
      30_000,
    );
    const link = sent.message.mediaUrls[0]!;
    const t0 = performance.now();
    note("Twilio-like GET of the MediaUrl sent", t0);
    const res = await fetch(link.replace(BENCH.publicUrl, args.url));
    const got = Buffer.from(await res.arrayBuffer());
    const t1 = performance.now();
    note("MediaUrl read to its end", t1);
    if (res.status !== 200 || !got.equals(file.bytes))
      throw new Error(`the MediaUrl answered HTTP ${res.status} with ${got.length} bytes, not the rep's file`);
    return { mmsMs: sent.at - sentAt, fetchMs: t1 - t0, served: got.length };
  },

  /** A few texts, each from a new customer, each awaited until answered. */
  async warm(args: { url: string; texts: string[] }) {
    for (const text of args.texts) {
      const phone = nextPhone();
      await post(args.url, webhook(phone, text));
      await waitFor("a warm-up reply", () => (repliesTo(phone) > 0 ? true : undefined), 30_000);
    }
  },

  /** `{on: true}` starts keeping events; `{on: false}` stops and returns them. */
  events({ on }: { on: boolean }) {
    const kept = events ?? [];
    events = on ? [] : undefined;
    seenRequests = twilio.requests.length;
    return kept;
  },

  /** Customers' files the fake Twilio still holds: Baton deletes each once it has stored it. */
  leftAtTwilio: () => twilio.media.size,

  async close() {
    agent.destroy();
    await twilio.close();
    await slack.close();
  },
});
