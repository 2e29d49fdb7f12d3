import { randomBytes } from "node:crypto";
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer, readBody } from "./http-server-parts.js";

/**
 * Twilio's Programmable Messaging REST API (2010-04-01) on 127.0.0.1, for the real twilio client
 * built by `createTwilioClient({ apiUrl: fake.url })`. Answers like Twilio: 201 + a Message
 * resource, or an error body `{ code, message, more_info, status }`. Also keeps inbound MMS media
 * (`addMedia`), served and deleted under the Message's Media subresource as Twilio does.
 */

export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  body: string;
  statusCallback?: string;
  messagingServiceSid?: string;
  /** Every form parameter as sent (repeated keys such as MediaUrl become arrays). */
  params: Record<string, string | string[]>;
  /** `params.MediaUrl` as a list, in the order sent (empty when none). */
  mediaUrls: string[];
  /** The Message resource the fake answered. */
  resource: Record<string, unknown>;
  /** When its request reached the fake (this machine's clock), before any delayNext wait. */
  requestedAt: Date;
}

/** A media file Twilio keeps for a received MMS, under `/Messages/{MM…}/Media/{ME…}`. */
export interface FakeTwilioMedia {
  sid: string;
  messageSid: string;
  contentType: string;
  bytes: Buffer;
  dateCreated: Date;
}

/** A failure to answer instead of a success. `code`/`message` default to Twilio's generic 20xxx ones. */
export interface FakeTwilioFailure {
  status: number;
  code?: number;
  message?: string;
}

export interface FakeTwilioApi {
  /** `http://127.0.0.1:<port>`: pass as `apiUrl` / TWILIO_API_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages Twilio accepted (failed requests are not here; see `requests`). */
  messages: FakeTwilioMessage[];
  /** Every HTTP request with the status answered, including failures and auth errors. */
  requests: Array<{ method: string; path: string; status: number }>;
  /** How many messages Twilio accepted so far; counted with `record: false` too. */
  readonly accepted: number;
  waitForMessages(n: number, opts?: { timeoutMs?: number }): Promise<FakeTwilioMessage[]>;
  /** The next `n` Messages requests fail with `failure`. */
  failNext(n: number, failure: FakeTwilioFailure): void;
  /** Failures still queued by failNext are dropped: the provider is back. */
  recover(): void;
  /** The next `n` Messages requests are never answered (a hung provider), until `close()`. */
  hangNext(n: number): void;
  /** The next `n` Messages requests are accepted (the message exists) but the connection drops before the answer. */
  dropAfterAcceptingNext(n: number): void;
  /** The next `n` Messages requests are answered only after `ms` (a slow provider). */
  delayNext(n: number, ms: number): void;
  /** Resolves once a delayed request is waiting at the fake: a send is in flight. */
  waitForDelayed(opts?: { timeoutMs?: number }): Promise<void>;
  /** Queues failures for the next message-list lookups (GET Messages.json), which outbox reconciliation uses. */
  failNextLookups(n: number, failure: FakeTwilioFailure): void;
  /** Inbound MMS media still stored, by media sid (seed with `addMedia`). */
  media: Map<string, FakeTwilioMedia>;
  /**
   * Stores a media file as Twilio keeps it for a received MMS. `url` is the webhook's MediaUrl on
   * this fake's origin; pass `messageSid` to put several media on one message (else a new MM sid).
   */
  addMedia(file: { contentType: string; bytes: Buffer; messageSid?: string }): {
    url: string;
    messageSid: string;
    mediaSid: string;
  };
  /** Media sids removed by `DELETE …/Media/ME….json`, in order. */
  deletedMedia: string[];
  /** Successful media content GETs so far (counted with `record: false` too). */
  readonly mediaFetches: number;
  /** The next `n` media content GETs (the MediaUrl, not `.json`) fail with `failure`. */
  failNextMediaFetches(n: number, failure: FakeTwilioFailure): void;
  /** The next `n` media content GETs are never answered (a hung provider), until `close()`. */
  hangNextMediaFetches(n: number): void;
  /**
   * As Twilio does: a MediaUrl answers 307 to a short-lived CDN address (here `/cdn/…` on this fake's
   * origin, which needs no credentials). @default false: the MediaUrl answers the bytes itself.
   */
  redirectMediaToCdn: boolean;
  /** Requests the CDN address got, with the Authorization header each carried (none expected). */
  cdnRequests: Array<{ path: string; authorization?: string }>;
  close(): Promise<void>;
}

export interface FakeTwilioOptions {
  accountSid: string;
  authToken?: string;
  /**
   * `false`: nothing is kept (`messages` and `requests` stay empty, so fetches and lists find no
   * message and `waitForMessages` is unavailable); accepted messages are only counted (`accepted`)
   * and passed to `onMessage`. For load (npm run bench), where keeping every message would grow
   * without bound. @default true
   */
  record?: boolean;
  /**
   * Called as each message is accepted, before the answer is sent. `at` is `performance.now()` when
   * its request reached the fake (before any delayNext wait): a high-resolution arrival time.
   */
  onMessage?: (message: FakeTwilioMessage, at: number) => void;
}

export async function startFakeTwilioApi({
  accountSid,
  authToken = "test-auth-token",
  record = true,
  onMessage,
}: FakeTwilioOptions): Promise<FakeTwilioApi> {
  const messages: FakeTwilioMessage[] = [];
  const requests: FakeTwilioApi["requests"] = [];
  let accepted = 0;
  const failures: FakeTwilioFailure[] = [];
  const lookupFailures: FakeTwilioFailure[] = [];
  const media = new Map<string, FakeTwilioMedia>();
  const deletedMedia: string[] = [];
  const mediaFailures: FakeTwilioFailure[] = [];
  let mediaFetches = 0;
  let mediaHangs = 0;
  const cdnRequests: FakeTwilioApi["cdnRequests"] = [];
  const cdnSettings = { redirect: false };
  let hangs = 0;
  let dropsAfterAccepting = 0;
  let delayed = 0;
  const delays: number[] = [];
  const waiters = new Set<() => void>();
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const listPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  // The MediaUrl has no extension (the file itself); `.json` is the Media resource, which DELETE removes.
  const mediaPath = new RegExp(`^/2010-04-01/Accounts/${accountSid}/Messages/([^/]+)/Media/([^/.]+)(\\.json)?$`);

  const log = (req: IncomingMessage, status: number) => {
    if (record) requests.push({ method: req.method ?? "", path: req.url ?? "", status });
  };
  function send(res: ServerResponse, req: IncomingMessage, status: number, body: unknown) {
    log(req, status);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "twilio-request-id": `RQ${hex(32)}` });
    res.end(JSON.stringify(body));
  }
  const fail = (res: ServerResponse, req: IncomingMessage, status: number, code: number, message: string, extra = {}) =>
    send(res, req, status, {
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
      ...extra,
    });

  const failWith = (res: ServerResponse, req: IncomingMessage, failure: FakeTwilioFailure) =>
    fail(
      res,
      req,
      failure.status,
      failure.code ?? 20000 + failure.status,
      failure.message ?? STATUS_CODES[failure.status] ?? "Error",
    );

  const mediaResource = (m: FakeTwilioMedia) => {
    const date = m.dateCreated.toUTCString().replace("GMT", "+0000");
    return {
      account_sid: accountSid,
      content_type: m.contentType,
      date_created: date,
      date_updated: date,
      parent_sid: m.messageSid,
      sid: m.sid,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.messageSid}/Media/${m.sid}.json`,
    };
  };

  /**
   * GET the file; GET or DELETE its `.json` resource. Twilio's own MediaUrl answers a redirect to
   * its media CDN (which fetch follows); the fake answers the bytes itself.
   */
  function handleMedia(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    messageSid: string,
    sid: string,
    json: boolean,
  ) {
    const method = req.method ?? "";
    if (method !== "GET" && !(method === "DELETE" && json)) return fail(res, req, 405, 20004, "Method not allowed");
    if (method === "GET" && !json && mediaHangs > 0) {
      mediaHangs -= 1;
      return; // never answered: close() drops the connection
    }
    const failure = method === "GET" && !json ? mediaFailures.shift() : undefined;
    if (failure) return failWith(res, req, failure);
    const found = media.get(sid);
    if (!found || found.messageSid !== messageSid) {
      return fail(res, req, 404, 20404, `The requested resource ${path} was not found`);
    }
    if (method === "DELETE") {
      media.delete(sid);
      deletedMedia.push(sid);
      log(req, 204);
      return void res.writeHead(204, { "twilio-request-id": `RQ${hex(32)}` }).end();
    }
    if (json) return send(res, req, 200, mediaResource(found));
    if (cdnSettings.redirect) {
      log(req, 307);
      return void res.writeHead(307, { location: `/cdn/${sid}/${hex(16)}` }).end();
    }
    mediaFetches += 1;
    log(req, 200);
    res.writeHead(200, { "content-type": found.contentType, "content-length": String(found.bytes.length) });
    res.end(found.bytes);
  }

  const storedMedia = (sid: string) => media.get(sid);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestedAt = new Date();
    const at = performance.now();
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const params = parseForm(await readBody(req));
    // The CDN a MediaUrl redirects to: no credentials needed (nor wanted).
    const cdn = /^\/cdn\/(ME[0-9a-f]{32})\/[0-9a-f]+$/.exec(path);
    if (cdn && req.method === "GET") {
      cdnRequests.push({ path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      const found = storedMedia(cdn[1]!);
      if (!found) return fail(res, req, 404, 20404, "Not found");
      mediaFetches += 1;
      log(req, 200);
      return void res
        .writeHead(200, { "content-type": found.contentType, "content-length": String(found.bytes.length) })
        .end(found.bytes);
    }
    if (req.headers.authorization !== expectedAuth) {
      return fail(res, req, 401, 20003, "Authenticate", { detail: "Your AccountSid or AuthToken was incorrect." });
    }
    const mediaRoute = mediaPath.exec(path);
    if (mediaRoute) return handleMedia(req, res, path, mediaRoute[1]!, mediaRoute[2]!, !!mediaRoute[3]);
    const fetched = messages.find((m) => path === `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`);
    if (req.method === "GET" && fetched) return send(res, req, 200, fetched.resource);
    if (req.method === "GET" && path === listPath) {
      const lookupFailure = lookupFailures.shift();
      if (lookupFailure) return failWith(res, req, lookupFailure);
      // The list filters Baton's outbox reconciliation uses: To, From, DateSent>.
      const query = new URL(req.url ?? "/", "http://127.0.0.1").searchParams;
      const found = messages.filter(
        (m) => (!query.get("To") || m.to === query.get("To")) && (!query.get("From") || m.from === query.get("From")),
      );
      return send(res, req, 200, {
        messages: found.map((m) => m.resource).reverse(),
        end: Math.max(0, found.length - 1),
        first_page_uri: `${listPath}?PageSize=50&Page=0`,
        next_page_uri: null,
        page: 0,
        page_size: 50,
        previous_page_uri: null,
        start: 0,
        uri: `${listPath}?PageSize=50&Page=0`,
      });
    }
    if (req.method !== "POST" || path !== listPath) {
      return fail(res, req, 404, 20404, `The requested resource ${path} was not found`);
    }
    const delay = delays.shift();
    if (delay) {
      delayed += 1;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delayed -= 1;
    }
    if (hangs > 0) {
      hangs -= 1;
      return; // never answered: the connection is dropped by close()
    }
    const failure = failures.shift();
    if (failure) return failWith(res, req, failure);

    const one = (k: string) => (Array.isArray(params[k]) ? params[k][0] : params[k]);
    const [to, from, body = "", service] = [one("To"), one("From"), one("Body"), one("MessagingServiceSid")];
    if (!to) return fail(res, req, 400, 21604, "A 'To' phone number is required.");
    if (!from && !service) return fail(res, req, 400, 21603, "A 'From' phone number is required.");
    if (!body && !params.MediaUrl && !params.ContentSid) return fail(res, req, 400, 21602, "Message body is required.");
    if (body.length > 1600)
      return fail(res, req, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");

    const sid = `SM${hex(32)}`;
    const now = new Date().toUTCString().replace("GMT", "+0000");
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
    const media = params.MediaUrl === undefined ? 0 : [params.MediaUrl].flat().length;
    // Through a Messaging Service without From, Twilio picks the sender later: "accepted", from null, 0 segments.
    const viaService = !from && !!service;
    const resource = {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: from ?? null,
      messaging_service_sid: service ?? null,
      num_media: String(media),
      num_segments: viaService ? "0" : String(countSegments(body)),
      price: null,
      price_unit: "USD",
      sid,
      status: viaService ? "accepted" : "queued",
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
      to,
      uri,
    };
    const statusCallback = one("StatusCallback");
    const message: FakeTwilioMessage = {
      sid,
      to,
      from: from ?? null,
      body,
      params,
      mediaUrls: params.MediaUrl === undefined ? [] : [params.MediaUrl].flat(),
      resource,
      requestedAt,
      ...(statusCallback ? { statusCallback } : {}),
      ...(service ? { messagingServiceSid: service } : {}),
    };
    accepted += 1;
    if (record) messages.push(message);
    onMessage?.(message, at);
    for (const w of waiters) w();
    if (dropsAfterAccepting > 0) {
      dropsAfterAccepting -= 1;
      if (record) requests.push({ method: req.method ?? "", path: req.url ?? "", status: 0 });
      return void req.socket.destroy(); // Twilio has it; the client sees a reset connection
    }
    send(res, req, 201, resource);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    accountSid,
    authToken,
    messages,
    requests,
    get accepted() {
      return accepted;
    },
    waitForMessages(n, { timeoutMs = 2_000 } = {}) {
      if (!record) return Promise.reject(new Error("fake Twilio: waitForMessages needs record: true"));
      if (messages.length >= n) return Promise.resolve(messages.slice(0, n));
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages.slice(0, n));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Twilio: ${messages.length} of ${n} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    failNext(n, failure) {
      for (let i = 0; i < n; i++) failures.push(failure);
    },
    recover() {
      failures.length = 0;
    },
    failNextLookups(n, failure) {
      for (let i = 0; i < n; i++) lookupFailures.push(failure);
    },
    media,
    addMedia({ contentType, bytes, messageSid = `MM${hex(32)}` }) {
      const mediaSid = `ME${hex(32)}`;
      media.set(mediaSid, { sid: mediaSid, messageSid, contentType, bytes, dateCreated: new Date() });
      return { url: `${url}${mediaUrlPath(accountSid, messageSid, mediaSid)}`, messageSid, mediaSid };
    },
    deletedMedia,
    get mediaFetches() {
      return mediaFetches;
    },
    failNextMediaFetches(n, failure) {
      for (let i = 0; i < n; i++) mediaFailures.push(failure);
    },
    hangNextMediaFetches(n) {
      mediaHangs += n;
    },
    get redirectMediaToCdn() {
      return cdnSettings.redirect;
    },
    set redirectMediaToCdn(on: boolean) {
      cdnSettings.redirect = on;
    },
    cdnRequests,
    hangNext(n) {
      hangs += n;
    },
    dropAfterAcceptingNext(n) {
      dropsAfterAccepting += n;
    },
    delayNext(n, ms) {
      for (let i = 0; i < n; i++) delays.push(ms);
    },
    async waitForDelayed({ timeoutMs = 2_000 } = {}) {
      const until = Date.now() + timeoutMs;
      while (delayed === 0) {
        if (Date.now() > until) throw new Error(`fake Twilio: no delayed request within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: () => closeServer(server),
  };
}

// GSM-7: 160 septets in one SMS, 153 per part when split; any other character forces UCS-2 (70, 67 per part).
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/** The number of SMS parts Twilio would report for a body. */
export function countSegments(body: string): number {
  let septets = 0;
  for (const ch of body) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

const mediaUrlPath = (accountSid: string, messageSid: string, mediaSid: string) =>
  `/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media/${mediaSid}`;

/** A MediaUrl as real Twilio puts it in an inbound webhook (on api.twilio.com, no extension). */
export function twilioStyleMediaUrl(accountSid: string, messageSid: string, mediaSid: string): string {
  return `https://api.twilio.com${mediaUrlPath(accountSid, messageSid, mediaSid)}`;
}

const hex = (chars: number) => randomBytes(chars / 2).toString("hex");

function parseForm(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : [prev, v].flat();
  }
  return out;
}
