import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer, readBody } from "./http-server-parts.js";

/**
 * A Slack Web API on 127.0.0.1 for the real `@slack/web-api` WebClient (`slackApiUrl: fake.url`).
 * It answers the methods Baton uses the way Slack does (HTTP 200 + `{ ok, ... }`), records every
 * call, and also accepts `response_url` posts (see `responseUrl()`).
 */

export interface FakeSlackCall {
  /** Web API method (`chat.postMessage`), or `"response_url"` for posts to `responseUrl()`. */
  method: string;
  /** Parsed body. Form values stay strings, except JSON fields (`blocks`, `attachments`, ...) parsed back. */
  body: Record<string, unknown>;
  /** From `Authorization: Bearer`, else a `token` body field. */
  token?: string;
  /** The path of a response_url post. */
  path?: string;
  /** What the fake answered, e.g. to read the `ts` it gave a message. */
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
  close(): Promise<void>;
}

// Slack sends these as JSON inside form fields (the WebClient JSON-encodes any non-primitive argument).
const JSON_FIELDS = new Set(["blocks", "attachments", "metadata", "view", "unfurls", "user_auth_blocks"]);

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
      default:
        return { ok: true };
    }
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

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    const body = parseBody(req.headers["content-type"] ?? "", raw, url.searchParams);
    const isApi = url.pathname.startsWith("/api/");
    const method = isApi ? url.pathname.slice("/api/".length) : "response_url";
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice(7) : typeof body.token === "string" ? body.token : undefined;

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
    counts.set(method, (counts.get(method) ?? 0) + 1);
    if (record) calls.push(call);
    opts.onCall?.(call, at);
    res.writeHead(status, headers).end(JSON.stringify(out));
    for (const w of waiters) if (w.match(call)) (waiters.delete(w), w.resolve(call));
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
    close: () => closeServer(server),
  };
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
