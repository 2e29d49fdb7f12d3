import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer, readRawBody } from "./http-server-parts.js";

/**
 * A Slack Web API on 127.0.0.1 for the real `@slack/web-api` WebClient (`slackApiUrl: fake.url`).
 * It answers the methods Baton uses the way Slack does (HTTP 200 + `{ ok, ... }`), records every
 * call, and also accepts `response_url` posts (see `responseUrl()`). Files: the two-step upload
 * `filesUploadV2` drives (getUploadURLExternal, POST to upload_url, completeUploadExternal) and
 * downloads of `url_private` / `url_private_download` with the bot token, as files.slack.com serves them.
 */

export interface FakeSlackCall {
  /**
   * Web API method (`chat.postMessage`), `"response_url"` for posts to `responseUrl()`, `"file_upload"`
   * for posts to an upload_url, `"file_download"` for GETs of a file's url_private(_download).
   */
  method: string;
  /** Parsed body. Form values stay strings, except JSON fields (`blocks`, `attachments`, ...) parsed back. */
  body: Record<string, unknown>;
  /** From `Authorization: Bearer`, else a `token` body field. */
  token?: string;
  /** The path of a response_url post, file upload or download. */
  path?: string;
  /** What the fake answered, e.g. to read the `ts` it gave a message (a summary for file uploads and downloads). */
  response: { status: number; body: Record<string, unknown> };
}

export interface FakeSlackUser {
  name: string;
  real_name: string;
  display_name: string;
}

export interface FakeSlackChannel {
  name: string;
  is_private?: boolean;
  is_im?: boolean;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown;
  thread_ts?: string;
  /** Ids of the files shared with this message (files.completeUploadExternal shares a group in one message). */
  files?: string[];
}

/** A file Slack holds: uploaded through the fake (`filesUploadV2`) or seeded with `addFile`. */
export interface FakeSlackFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  /** Slack's short type (`jpg`, `png`, `pdf`, ... `binary` when unknown). */
  filetype: string;
  size: number;
  bytes: Buffer;
  /** Who uploaded it: the bot for uploads, as given for seeded files. */
  user?: string;
  channel?: string;
  thread_ts?: string;
  initial_comment?: string;
  url_private: string;
  url_private_download: string;
  created: number;
}

/** `{ error }`: HTTP 200 `{ ok: false, error }`. `{ status: 429 }`: rate limited with Retry-After. Other status: an HTTP error. */
export type FakeSlackFailure = { error: string } | { status: 429; retryAfterSeconds?: number } | { status: number };

export interface FakeSlackApi {
  /** `http://127.0.0.1:<port>/api/`, for WebClient's `slackApiUrl`. */
  url: string;
  calls: FakeSlackCall[];
  /** How many calls each method (or `"response_url"`) received; counted with `record: false` too. */
  counts: Map<string, number>;
  /** Seed with `users.set("U123", {...})`; unknown ids answer `user_not_found`. */
  users: Map<string, FakeSlackUser>;
  /** Seedable; unknown ids answer a public channel named after the id. */
  channels: Map<string, FakeSlackChannel>;
  /** Messages posted through the fake, by ts; `chat.update` needs the ts to be here (seedable). */
  messages: Map<string, FakeSlackMessage>;
  /** The bot's identity, as `auth.test` reports it. */
  bot: { teamId: string; userId: string; botId: string; appId: string };
  /** A URL to use as a block action's `response_url`; posts to it are recorded as method `"response_url"`. */
  responseUrl(id?: string): string;
  /** Resolves with the first call (already recorded or future) matching a method name or predicate; with `record: false`, future calls only. */
  waitFor(match: string | ((call: FakeSlackCall) => boolean), opts?: { timeoutMs?: number }): Promise<FakeSlackCall>;
  /** Queues one failure for the next call of `method`; call several times to fail several calls. */
  failNext(method: string, failure: FakeSlackFailure): void;
  /** Files whose upload completed, and seeded ones, by id. */
  files: Map<string, FakeSlackFile>;
  /** Stores a file as if a person had uploaded it in Slack; its url_private(_download) are on this fake. */
  addFile(file: { name: string; mimetype?: string; bytes: Buffer; title?: string; user?: string }): FakeSlackFile;
  /** Successful file downloads so far (counted with `record: false` too). */
  readonly downloads: number;
  /** The next `n` authorized file downloads answer HTTP `status` instead of the file. */
  failNextDownloads(n: number, status: number): void;
  close(): Promise<void>;
}

// Slack sends these as JSON inside form fields (the WebClient JSON-encodes any non-primitive argument).
const JSON_FIELDS = new Set(["blocks", "attachments", "metadata", "view", "unfurls", "user_auth_blocks", "files"]);

// Where unauthenticated file requests are sent: Slack redirects them to its sign-in page.
const LOGIN_PATH = "/";

export interface FakeSlackOptions {
  /** When set, any other token is `invalid_auth`. */
  token?: string;
  /**
   * `false`: calls are not kept (`calls` stays empty), only counted (`counts`) and passed to
   * `onCall`; what Slack itself stores (`messages`) is kept, so `chat.update` still needs a posted
   * ts. For load (npm run bench), where keeping every call would grow without bound. @default true
   */
  record?: boolean;
  /** Called with each call as it is answered. `at` is `performance.now()` when its request reached the fake. */
  onCall?: (call: FakeSlackCall, at: number) => void;
}

export async function startFakeSlackApi(opts: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const record = opts.record ?? true;
  const calls: FakeSlackCall[] = [];
  const counts = new Map<string, number>();
  const users = new Map<string, FakeSlackUser>();
  const channels = new Map<string, FakeSlackChannel>();
  const messages = new Map<string, FakeSlackMessage>();
  const failures = new Map<string, FakeSlackFailure[]>();
  const waiters = new Set<{ match: (c: FakeSlackCall) => boolean; resolve: (c: FakeSlackCall) => void }>();
  const files = new Map<string, FakeSlackFile>();
  // Upload URLs handed out and not completed yet; `bytes` once the upload POST arrived.
  const pending = new Map<string, { name: string; length: number; bytes?: Buffer }>();
  const downloadFailures: number[] = [];
  let downloads = 0;
  let fileCounter = 0;
  const nextFileId = () => `F0FAKE${String(++fileCounter).padStart(5, "0")}`;
  const bot = { teamId: "T0BATON01", userId: "U0BATONBOT", botId: "B0BATONBOT", appId: "A0BATONAPP" };
  // Deterministic, strictly increasing message timestamps: 1700000000.000100, .000200, ...
  let tsCounter = 0;
  const nextTs = () => {
    const micros = 1_700_000_000_000_000 + ++tsCounter * 100;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
  };

  function answer(method: string, body: Record<string, unknown>, token: string | undefined) {
    if (!token) return { ok: false, error: "not_authed" };
    if (opts.token && token !== opts.token) return { ok: false, error: "invalid_auth" };
    const str = (k: string) => (typeof body[k] === "string" ? (body[k] as string) : undefined);
    const channel = str("channel");
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://baton-test.slack.com/",
          team: "Baton Test",
          user: "baton",
          team_id: bot.teamId,
          user_id: bot.userId,
          bot_id: bot.botId,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (!str("text") && body.blocks === undefined && body.attachments === undefined)
          return { ok: false, error: "no_text" };
        const ts = nextTs();
        const threadTs = str("thread_ts");
        messages.set(ts, { channel, ts, text: str("text"), blocks: body.blocks, thread_ts: threadTs });
        return { ok: true, channel, ts, message: botMessage(ts, body, threadTs) };
      }
      case "chat.update": {
        const ts = str("ts");
        const stored = ts ? messages.get(ts) : undefined;
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (!ts || !stored || stored.channel !== channel) return { ok: false, error: "message_not_found" };
        Object.assign(stored, { text: str("text") ?? stored.text, blocks: body.blocks ?? stored.blocks });
        return {
          ok: true,
          channel,
          ts,
          text: stored.text ?? "",
          message: botMessage(ts, { ...body, blocks: stored.blocks }, stored.thread_ts),
        };
      }
      case "chat.postEphemeral":
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (!str("user")) return { ok: false, error: "user_not_in_channel" };
        return { ok: true, message_ts: nextTs() };
      case "users.info": {
        const id = str("user") ?? "";
        const u = users.get(id);
        if (!u) return { ok: false, error: "user_not_found" };
        const profile = {
          real_name: u.real_name,
          display_name: u.display_name,
          real_name_normalized: u.real_name,
          display_name_normalized: u.display_name,
        };
        return {
          ok: true,
          user: {
            id,
            team_id: bot.teamId,
            name: u.name,
            deleted: false,
            real_name: u.real_name,
            tz: "America/Chicago",
            is_bot: false,
            profile,
          },
        };
      }
      case "conversations.info": {
        if (!channel) return { ok: false, error: "channel_not_found" };
        const c = channels.get(channel) ?? { name: `channel-${channel.toLowerCase()}` };
        return {
          ok: true,
          channel: {
            id: channel,
            name: c.name,
            is_channel: !c.is_im,
            is_group: false,
            is_im: !!c.is_im,
            is_private: !!c.is_private,
            is_archived: false,
            is_member: true,
          },
        };
      }
      case "conversations.history": {
        // The channel's top-level messages, newest first, as Slack lists them.
        if (!channel) return { ok: false, error: "channel_not_found" };
        const limit = Number(body.limit ?? 100);
        const top = [...messages.values()]
          .filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts))
          .reverse()
          .slice(0, limit);
        return {
          ok: true,
          messages: top.map((m) => ({ ...botMessage(m.ts, { text: m.text, blocks: m.blocks }, undefined) })),
          has_more: false,
        };
      }
      case "chat.getPermalink": {
        const ts = str("message_ts");
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (!ts || !messages.has(ts)) return { ok: false, error: "message_not_found" };
        return {
          ok: true,
          channel,
          permalink: `https://baton-test.slack.com/archives/${channel}/p${ts.replace(".", "")}`,
        };
      }
      case "files.getUploadURLExternal": {
        const filename = str("filename");
        const length = Number(body.length);
        if (!filename || !Number.isInteger(length) || length < 0) return { ok: false, error: "invalid_arguments" };
        const id = nextFileId();
        pending.set(id, { name: filename, length });
        return { ok: true, upload_url: `${base}/upload/v1/${id}`, file_id: id };
      }
      case "files.completeUploadExternal":
        return completeUploads(body);
      case "files.info": {
        const file = files.get(str("file") ?? "");
        return file ? { ok: true, file: slackFileObject(file) } : { ok: false, error: "file_not_found" };
      }
      default:
        return { ok: true };
    }
  }

  /** Completes a group of uploads; with `channel_id`, Slack shares them all in one message. */
  function completeUploads(body: Record<string, unknown>) {
    const list = Array.isArray(body.files) ? (body.files as Array<{ id?: unknown; title?: unknown }>) : [];
    if (list.length === 0) return { ok: false, error: "invalid_arguments" };
    for (const f of list) {
      const upload = typeof f.id === "string" ? pending.get(f.id) : undefined;
      if (!upload?.bytes) return { ok: false, error: "file_not_found" };
      // The fake's simplification: Slack's exact check and error name for a short/long upload may differ.
      if (upload.bytes.length !== upload.length) return { ok: false, error: "file_upload_size_mismatch" };
    }
    const str = (k: string) => (typeof body[k] === "string" && body[k] !== "" ? (body[k] as string) : undefined);
    const [channel, threadTs, comment] = [str("channel_id"), str("thread_ts"), str("initial_comment")];
    const done = list.map(({ id, title }) => {
      const upload = pending.get(id as string)!;
      pending.delete(id as string);
      return storeFile(id as string, upload.name, guessMimetype(upload.name), upload.bytes!, {
        title: typeof title === "string" && title ? title : upload.name,
        user: bot.userId,
        ...(channel ? { channel } : {}),
        ...(channel && threadTs ? { thread_ts: threadTs } : {}),
        ...(comment ? { initial_comment: comment } : {}),
      });
    });
    if (channel) {
      const ts = nextTs();
      messages.set(ts, { channel, ts, text: comment, thread_ts: threadTs, files: done.map((f) => f.id) });
    }
    return { ok: true, files: done.map(slackFileObject) };
  }

  function storeFile(
    id: string,
    name: string,
    mimetype: string,
    bytes: Buffer,
    extra: Partial<FakeSlackFile> & { title: string },
  ): FakeSlackFile {
    const path = `/files-pri/${bot.teamId}-${id}`;
    const file: FakeSlackFile = {
      id,
      name,
      mimetype,
      filetype: filetypeOf(name),
      size: bytes.length,
      bytes,
      url_private: `${base}${path}/${encodeURIComponent(name)}`,
      url_private_download: `${base}${path}/download/${encodeURIComponent(name)}`,
      created: Math.floor(Date.now() / 1000),
      ...extra,
    };
    files.set(id, file);
    return file;
  }

  function botMessage(ts: string, body: Record<string, unknown>, threadTs: string | undefined) {
    return {
      type: "message",
      user: bot.userId,
      bot_id: bot.botId,
      app_id: bot.appId,
      team: bot.teamId,
      ts,
      text: typeof body.text === "string" ? body.text : "",
      ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs, parent_user_id: bot.userId } : {}),
    };
  }

  /** Records a call and wakes the waiters matching it. */
  function recordCall(call: FakeSlackCall, at: number) {
    counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
    if (record) calls.push(call);
    opts.onCall?.(call, at);
    for (const w of waiters) if (w.match(call)) (waiters.delete(w), w.resolve(call));
  }

  /** The upload_url step: Slack takes the bytes raw or as the one file of a multipart form (what WebClient sends). */
  async function handleUpload(req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer, at: number) {
    const id = decodeURIComponent(path.slice("/upload/v1/".length));
    const upload = pending.get(id);
    const status = req.method === "POST" && upload ? 200 : 404;
    const bytes = await uploadedBytes(req.headers["content-type"] ?? "", raw);
    if (upload && status === 200) upload.bytes = bytes;
    const text = status === 200 ? `OK - ${bytes.length}` : "file_not_found";
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
    const token = bearer(req);
    recordCall(
      {
        method: "file_upload",
        body: { file_id: id, size: bytes.length },
        ...(token ? { token } : {}),
        path,
        response: { status, body: { text } },
      },
      at,
    );
  }

  /** files.slack.com: the bytes with the bot token; without (or with another) token, a redirect to sign in. */
  function handleDownload(req: IncomingMessage, res: ServerResponse, path: string, at: number) {
    const token = bearer(req);
    const match = /^\/files-pri\/([^/]+?)-([^/]+)\/(download\/)?[^/]+$/.exec(path);
    const file = match && match[1] === bot.teamId ? files.get(match[2]!) : undefined;
    let status: number;
    let summary: Record<string, unknown>;
    if (!token || (opts.token && token !== opts.token)) {
      status = 302;
      summary = { location: `${LOGIN_PATH}?redir=${encodeURIComponent(path)}` };
      res.writeHead(status, { location: summary.location as string }).end();
    } else if (downloadFailures.length > 0) {
      status = downloadFailures.shift()!;
      summary = { error: "injected" };
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`injected failure ${status}`);
    } else if (!file || req.method !== "GET") {
      status = 404;
      summary = { error: "file_not_found" };
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end("Not Found");
    } else {
      status = 200;
      summary = { file_id: file.id, mimetype: file.mimetype, size: file.size };
      downloads += 1;
      const headers: Record<string, string> = { "content-type": file.mimetype, "content-length": String(file.size) };
      if (match?.[3]) headers["content-disposition"] = `attachment; filename="${file.name}"`;
      res.writeHead(status, headers).end(file.bytes);
    }
    recordCall(
      { method: "file_download", body: {}, ...(token ? { token } : {}), path, response: { status, body: summary } },
      at,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const rawBytes = await readRawBody(req);
    if (url.pathname.startsWith("/upload/v1/")) return handleUpload(req, res, url.pathname, rawBytes, at);
    if (url.pathname.startsWith("/files-pri/")) return handleDownload(req, res, url.pathname, at);
    if (req.method === "GET" && url.pathname === LOGIN_PATH) {
      // Stands in for Slack's HTML sign-in page: what a download without the token ends up reading.
      return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<html>login</html>");
    }
    const raw = rawBytes.toString("utf8");
    const body = parseBody(req.headers["content-type"] ?? "", raw, url.searchParams);
    const isApi = url.pathname.startsWith("/api/");
    const method = isApi ? url.pathname.slice("/api/".length) : "response_url";
    const token = bearer(req) ?? (typeof body.token === "string" ? body.token : undefined);

    let status = 200;
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
    let out: Record<string, unknown>;
    const failure = failures.get(method)?.shift();
    if (failure && "error" in failure) out = { ok: false, error: failure.error };
    else if (failure && failure.status === 429) {
      status = 429;
      headers["retry-after"] = String("retryAfterSeconds" in failure ? (failure.retryAfterSeconds ?? 1) : 1);
      out = { ok: false, error: "ratelimited" };
    } else if (failure) {
      status = failure.status;
      out = { ok: false, error: "fatal_error" };
    } else out = isApi ? answer(method, body, token) : { ok: true };

    const call: FakeSlackCall = {
      method,
      body,
      ...(token ? { token } : {}),
      ...(isApi ? {} : { path: url.pathname }),
      response: { status, body: out },
    };
    res.writeHead(status, headers).end(JSON.stringify(out));
    recordCall(call, at);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let responseUrls = 0;

  return {
    url: `${base}/api/`,
    calls,
    counts,
    users,
    channels,
    messages,
    bot,
    responseUrl: (id = String(++responseUrls)) => `${base}/actions/${bot.teamId}/${id}/fake-response-url`,
    waitFor(match, { timeoutMs = 2_000 } = {}) {
      const pred = typeof match === "string" ? (c: FakeSlackCall) => c.method === match : match;
      const seen = calls.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match: pred, resolve: (c: FakeSlackCall) => (clearTimeout(timer), resolve(c)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `fake Slack: no matching call within ${timeoutMs} ms; calls so far: ${calls.map((c) => c.method).join(", ") || "none"}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    files,
    addFile: ({ name, mimetype = guessMimetype(name), bytes, title = name, user }) =>
      storeFile(nextFileId(), name, mimetype, bytes, { title, ...(user ? { user } : {}) }),
    get downloads() {
      return downloads;
    },
    failNextDownloads(n, status) {
      for (let i = 0; i < n; i++) downloadFailures.push(status);
    },
    close: () => closeServer(server),
  };
}

/** A file as Slack's API and events present it (files.completeUploadExternal, `files` of a file_share message). */
/** What a message event carries for a file Slack is still processing, or in some shared channels: ask files.info. */
export function slackFileToCheck(file: FakeSlackFile): Record<string, unknown> {
  return { id: file.id, mode: "hosted", file_access: "check_file_info", created: file.created, user: file.user };
}

export function slackFileObject(file: FakeSlackFile): Record<string, unknown> {
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    ...(file.user ? { user: file.user } : {}),
    mode: "hosted",
    editable: false,
    is_external: false,
    external_type: "",
    size: file.size,
    url_private: file.url_private,
    url_private_download: file.url_private_download,
  };
}

const MIMETYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  pdf: "application/pdf",
  heic: "image/heic",
  vcf: "text/vcard",
  svg: "image/svg+xml",
  html: "text/html",
};

const extensionOf = (name: string) => (name.includes(".") ? name.split(".").pop()!.toLowerCase() : "");

/** Slack infers the type from the file name, not the bytes. */
function guessMimetype(name: string): string {
  return MIMETYPES[extensionOf(name)] ?? "application/octet-stream";
}

function filetypeOf(name: string): string {
  const ext = extensionOf(name);
  if (ext === "jpeg") return "jpg";
  if (ext === "vcf") return "vcard";
  return MIMETYPES[ext] ? ext : "binary";
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith("Bearer ") && auth.length > 7 ? auth.slice(7) : undefined;
}

/** WebClient posts the bytes as the one file field of a multipart form; other clients post them raw. */
async function uploadedBytes(contentType: string, raw: Buffer): Promise<Buffer> {
  if (!contentType.includes("multipart/form-data")) return raw;
  const form = await new Request("http://fake.invalid/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: raw,
  }).formData();
  const file = [...form.values()].find((v): v is File => typeof v !== "string");
  return file ? Buffer.from(await file.arrayBuffer()) : raw;
}

function parseBody(contentType: string, raw: string, query: URLSearchParams): Record<string, unknown> {
  if (contentType.includes("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const body: Record<string, unknown> = {};
  const fields = new URLSearchParams(raw);
  // Slack also accepts arguments in the query string (GET calls).
  for (const [k, v] of [...query, ...fields]) {
    body[k] = JSON_FIELDS.has(k) ? tryJson(v) : v;
  }
  return body;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
