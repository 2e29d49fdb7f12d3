import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer, readBody } from "./http-server-parts.js";

/**
 * The Bot Connector service Teams runs behind `serviceUrl`, on 127.0.0.1. Activities sent to Baton
 * carry this fake's `serviceUrl`, so the real botbuilder connector client posts here. Answers like
 * the service: `{ id }` for sends, replies and updates, channel lists for a team, and the bytes of
 * attachments (images pasted inline in a message) under `/v3/attachments/{id}/views/original`.
 */

export type FakeTeamsCallKind = "send" | "reply" | "update" | "delete" | "get" | "attachment";

export interface FakeTeamsCall {
  kind: FakeTeamsCallKind;
  method: string;
  /** The conversation id, URL-decoded (a channel thread reads `19:…@thread.tacv2;messageid=…`). */
  conversationId?: string;
  /** For replies, updates and deletes: the activity id in the path. */
  activityId?: string;
  /** For attachment downloads: the attachment id in the path. */
  attachmentId?: string;
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
  /** The id answered for a send or reply. */
  answeredId?: string;
}

export interface FakeTeamChannel {
  id: string;
  name?: string;
}

export interface FakeTeamsConnector {
  /** What activities carry as `serviceUrl`, with a path prefix as real ones have. */
  serviceUrl: string;
  calls: FakeTeamsCall[];
  /** Channels `GET /v3/teams/{id}/conversations` lists, by team id. */
  teams: Map<string, { name: string; channels: FakeTeamChannel[] }>;
  /**
   * Stores a file as the service keeps an image pasted into a message. Put `{ contentType, contentUrl }`
   * in an activity's `attachments`, as Teams delivers it; `contentUrl` is under `serviceUrl`.
   */
  addAttachment(file: { contentType: string; bytes: Buffer }): { id: string; contentUrl: string };
  waitFor(predicate: (call: FakeTeamsCall) => boolean, opts?: { timeoutMs?: number }): Promise<FakeTeamsCall>;
  close(): Promise<void>;
}

const PREFIX = "/amer/fake-tenant";
let nextId = 1_767_000_000_000;

export async function startFakeTeamsConnector(): Promise<FakeTeamsConnector> {
  const calls: FakeTeamsCall[] = [];
  const teams: FakeTeamsConnector["teams"] = new Map();
  const waiters = new Set<() => void>();
  const attachments = new Map<string, { contentType: string; bytes: Buffer }>();

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const method = req.method ?? "";
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const route = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : path;
    const record = (call: Omit<FakeTeamsCall, "method" | "path" | "authorization" | "body">) => {
      calls.push({
        ...call,
        method,
        path,
        body,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      for (const w of waiters) w();
    };

    const team = /^\/v3\/teams\/([^/]+)(\/conversations)?$/.exec(route);
    if (team && method === "GET") {
      const found = teams.get(decodeURIComponent(team[1]!));
      if (!found) return json(res, 404, { error: { code: "NotFound", message: "team not found" } });
      record({ kind: "get" });
      return team[2]
        ? json(res, 200, {
            conversations: found.channels.map((c) => ({ id: c.id, ...(c.name ? { name: c.name } : {}) })),
          })
        : json(res, 200, { id: decodeURIComponent(team[1]!), name: found.name });
    }
    const attachment = /^\/v3\/attachments\/([^/]+)\/views\/original$/.exec(route);
    if (attachment && method === "GET") {
      const attachmentId = decodeURIComponent(attachment[1]!);
      const found = attachments.get(attachmentId);
      if (!found) return json(res, 404, { error: { code: "NotFound", message: "attachment not found" } });
      record({ kind: "attachment", attachmentId });
      res.writeHead(200, { "content-type": found.contentType, "content-length": String(found.bytes.length) });
      return void res.end(found.bytes);
    }
    const activity = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(route);
    if (!activity) return json(res, 404, { error: { code: "NotFound", message: `no route ${method} ${route}` } });
    const conversationId = decodeURIComponent(activity[1]!);
    const activityId = activity[2] ? decodeURIComponent(activity[2]) : undefined;
    if (method === "POST") {
      const answeredId = String(++nextId);
      record({
        kind: activityId ? "reply" : "send",
        conversationId,
        ...(activityId ? { activityId } : {}),
        answeredId,
      });
      return json(res, 201, { id: answeredId });
    }
    if (method === "PUT" && activityId) {
      record({ kind: "update", conversationId, activityId });
      return json(res, 200, { id: activityId });
    }
    if (method === "DELETE" && activityId) {
      record({ kind: "delete", conversationId, activityId });
      res.writeHead(200).end();
      return;
    }
    return json(res, 405, { error: { code: "BadArgument", message: `${method} not allowed` } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}/`;

  return {
    serviceUrl,
    calls,
    teams,
    addAttachment({ contentType, bytes }) {
      // Shaped like the service's ids (`0-cus-d1-<hex>`): opaque, URL-safe.
      const id = `0-fake-d1-${randomBytes(16).toString("hex")}`;
      attachments.set(id, { contentType, bytes });
      return { id, contentUrl: `${serviceUrl}v3/attachments/${id}/views/original` };
    },
    waitFor(predicate, { timeoutMs = 3_000 } = {}) {
      const hit = calls.find(predicate);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `fake Teams connector: no matching call within ${timeoutMs} ms; got ${calls.map((c) => `${c.kind} ${c.conversationId ?? c.path}`).join(", ") || "none"}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close: () => closeServer(server),
  };
}
