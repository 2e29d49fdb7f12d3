import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Twilio's Messages endpoint on 127.0.0.1, lean: it checks the Basic credentials, answers 201 with
 * a Message resource the real twilio client accepts, and reports each text's arrival time. The
 * test fake (test/helpers/fake-twilio-api.ts) records far more; under load only this is needed.
 */
export interface LeanFakeTwilio {
  url: string;
  received: number;
  close(): Promise<void>;
}

export async function startLeanFakeTwilio(opts: {
  accountSid: string;
  authToken: string;
  onMessage(to: string, body: string, at: number): void;
}): Promise<LeanFakeTwilio> {
  const expectedAuth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString("base64")}`;
  const createPath = `/2010-04-01/Accounts/${opts.accountSid}/Messages.json`;
  const state = { received: 0 };
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      if (req.headers.authorization !== expectedAuth) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ code: 20003, message: "Authenticate", status: 401 }));
        return;
      }
      if (req.method === "GET" && req.url?.startsWith(createPath)) {
        // Outbox reconciliation after a restart lists recent messages; the bench has none to confirm.
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ messages: [], next_page_uri: null, page: 0, page_size: 50 }));
        return;
      }
      if (req.method !== "POST" || req.url !== createPath) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ code: 20404, message: "Not found", status: 404 }));
        return;
      }
      const at = performance.now();
      const form = new URLSearchParams(raw);
      const to = form.get("To") ?? "";
      const body = form.get("Body") ?? "";
      state.received++;
      opts.onMessage(to, body, at);
      const sid = `SM${randomBytes(16).toString("hex")}`;
      const now = new Date().toUTCString();
      res.writeHead(201, { "content-type": "application/json" }).end(
        JSON.stringify({
          account_sid: opts.accountSid, api_version: "2010-04-01", body, date_created: now, date_updated: now, date_sent: null,
          direction: "outbound-api", error_code: null, error_message: null, from: form.get("From"), num_media: "0", num_segments: "1",
          price: null, price_unit: "USD", sid, status: "queued", to, uri: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}.json`,
        }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get received() {
      return state.received;
    },
    close: () => closeServer(server),
  };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
