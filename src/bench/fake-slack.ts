import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { closeServer, listen, readBody } from "./fake-twilio.js";

/** A handoff card as posted: its Claim button carries the conversation id. */
export interface PostedCard {
  conversationId: string;
  channel: string;
  ts: string;
}

/**
 * The Slack Web API methods Baton calls, on 127.0.0.1, lean: it reports cards posted (with the
 * conversation their Claim button names) and each chat.update's arrival time. The test fake
 * (test/helpers/fake-slack-api.ts) checks and records far more.
 */
export async function startLeanFakeSlack(opts: {
  onCard(card: PostedCard): void;
  onUpdate(ts: string, at: number): void;
}): Promise<{ url: string; calls: Map<string, number>; close(): Promise<void> }> {
  const calls = new Map<string, number>();
  let seq = 0;
  const nextTs = () => `1700000000.${String(++seq).padStart(6, "0")}`;

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const at = performance.now();
      const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0]!;
      calls.set(method, (calls.get(method) ?? 0) + 1);
      const form = (req.headers["content-type"] ?? "").includes("json") ? new URLSearchParams() : new URLSearchParams(raw);
      const json = (req.headers["content-type"] ?? "").includes("json") ? (JSON.parse(raw || "{}") as Record<string, unknown>) : undefined;
      const get = (k: string) => (json ? (json[k] as string | undefined) : (form.get(k) ?? undefined));
      const channel = get("channel") ?? "C0UNKNOWN";
      let out: Record<string, unknown> = { ok: true };
      switch (method) {
        case "auth.test":
          out = { ok: true, team_id: "T0BENCH01", user_id: "U0BENCHBOT", bot_id: "B0BENCHBOT", team: "Bench", user: "baton" };
          break;
        case "chat.postMessage": {
          const ts = nextTs();
          out = { ok: true, channel, ts, message: { type: "message", ts, text: get("text") ?? "" } };
          const blocks = json ? json.blocks : form.get("blocks");
          const conversationId = claimValue(typeof blocks === "string" ? blocks : JSON.stringify(blocks ?? []));
          if (conversationId) opts.onCard({ conversationId, channel, ts });
          break;
        }
        case "chat.update": {
          const ts = get("ts") ?? "";
          out = { ok: true, channel, ts, text: get("text") ?? "" };
          opts.onUpdate(ts, at);
          break;
        }
        case "users.info": {
          const id = get("user") ?? "U0";
          out = { ok: true, user: { id, name: `rep-${id}`, real_name: `Rep ${id}`, profile: { display_name: `Rep ${id}`, real_name: `Rep ${id}` } } };
          break;
        }
        case "chat.postEphemeral":
          out = { ok: true, message_ts: nextTs() };
          break;
        case "chat.getPermalink":
          out = { ok: true, permalink: `https://bench.slack.test/archives/${channel}/p1` };
          break;
      }
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(out));
    });
  });
  server.keepAliveTimeout = 60_000;
  await listen(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, calls, close: () => closeServer(server) };
}

/** The value of the card's Claim button, when it has one. */
function claimValue(blocksJson: string): string | undefined {
  if (!blocksJson.includes("baton_claim")) return undefined;
  try {
    const blocks = JSON.parse(blocksJson) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
    for (const block of blocks) for (const element of block.elements ?? []) if (element.action_id === "baton_claim") return element.value;
  } catch {
    // not JSON: no card
  }
  return undefined;
}
