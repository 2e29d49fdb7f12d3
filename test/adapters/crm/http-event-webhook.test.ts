import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HttpEventWebhook } from "../../../src/adapters/crm/webhook/http-event-webhook.js";
import type { CrmWebhookEvent } from "../../../src/core/crm/crm-event.js";
import { CrmDeliveryError } from "../../../src/core/ports/crm.js";
import { readmeVerifier } from "../../helpers/fake-crm.js";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

const SECRET = "whsec_rooftop_7";
const PATH = "/hooks/secret-path?token=abc";

const event: CrmWebhookEvent = {
  id: "evt_01HZX",
  type: "handoff.requested",
  occurredAt: "2025-05-01T15:04:05.000Z",
  dealership: { id: "d1", name: "Café Motors" },
  conversation: {
    id: "c1",
    status: "waiting",
    department: "sales",
    summary: "Wants the 2021 RAV4 — asks about trade-in “today”",
    source: "sms",
  },
  customer: { phone: "+15551234567", name: "Zoë", optedOut: false },
  lead: { name: "Zoë" },
  data: { reason: "price question" },
};

let server: Server;
let base: string;
let received: Received[] = [];
let respond: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      respond(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

const webhook = new HttpEventWebhook({ timeoutMs: 2_000 });
const target = (url = `${base}${PATH}`) => ({ url, secret: SECRET });
const answer =
  (status: number, body = "", headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** The delivery's failure, checked to say nothing of the URL's secret parts. */
async function failure(delivery: Promise<void>): Promise<CrmDeliveryError> {
  const error = await delivery.then(
    () => {
      throw new Error("the delivery succeeded");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrmDeliveryError);
  const message = (error as CrmDeliveryError).message;
  for (const secret of ["secret-path", "token", "abc", "/hooks", "hunter2", "zapier-user"])
    expect(message, message).not.toContain(secret);
  return error as CrmDeliveryError;
}

describe("HttpEventWebhook against a real HTTP server", () => {
  it("POSTs the event as JSON with its id, type and a signature the README's verifier accepts over the bytes received", async () => {
    respond = answer(200, "ok");
    await webhook.deliver(target(), event);

    expect(received).toHaveLength(1);
    const [request] = received as [Received];
    expect(request.method).toBe("POST");
    expect(request.url).toBe(PATH);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["user-agent"]).toBe("Baton-Webhook/1");
    expect(request.headers["x-baton-event-id"]).toBe(event.id);
    expect(request.headers["x-baton-event-type"]).toBe("handoff.requested");
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.parse(request.body.toString("utf8"))).toEqual(event);

    const verify = readmeVerifier();
    const signature = request.headers["x-baton-signature"];
    expect(verify(request.body, signature, SECRET)).toBe(true);
    expect(verify(request.body, signature, "whsec_other")).toBe(false);
    expect(verify(Buffer.concat([request.body, Buffer.from(" ")]), signature, SECRET)).toBe(false);
  });

  it("signs with the clock it is given, and sends the user agent it is given", async () => {
    respond = answer(204);
    const at = new Date("2025-05-01T15:04:05Z");
    await new HttpEventWebhook({ now: () => at, userAgent: "Baton-Webhook/1 (test)" }).deliver(target(), event);
    const [request] = received as [Received];
    expect(request.headers["x-baton-signature"]).toMatch(new RegExp(`^t=${at.getTime() / 1000},v1=[0-9a-f]{64}$`));
    expect(request.headers["user-agent"]).toBe("Baton-Webhook/1 (test)");
    // Over five minutes old by now: a receiver refuses it, as it would a replay.
    expect(readmeVerifier()(request.body, request.headers["x-baton-signature"], SECRET)).toBe(false);
  });

  it("resolves on any 2xx", async () => {
    for (const status of [200, 201, 202, 204]) {
      respond = answer(status, status === 204 ? "" : '{"ok":true}');
      await expect(webhook.deliver(target(), event)).resolves.toBeUndefined();
    }
  });

  it("retries a 500 and a 429, saying what the webhook answered", async () => {
    respond = answer(500, "Internal Server Error");
    const fiveHundred = await failure(webhook.deliver(target(), event));
    expect(fiveHundred.permanent).toBe(false);
    expect(fiveHundred.code).toBe("crm_unavailable");
    expect(fiveHundred.message).toContain("127.0.0.1");
    expect(fiveHundred.message).toContain("answered 500");
    expect(fiveHundred.message).toContain("Internal Server Error");

    respond = answer(429, "slow down", { "retry-after": "120" });
    const tooMany = await failure(webhook.deliver(target(), event));
    expect(tooMany.permanent).toBe(false);
    expect(tooMany.message).toContain("answered 429");
    expect(tooMany.message).toContain("wait 120 s");
  });

  it("retries a 408, 425, 502, 503 and 504 too", async () => {
    for (const status of [408, 425, 502, 503, 504]) {
      respond = answer(status);
      const error = await failure(webhook.deliver(target(), event));
      expect(error.permanent, String(status)).toBe(false);
    }
  });

  it("gives up on a 400, 401, 404 or 410", async () => {
    for (const status of [400, 401, 404, 410]) {
      respond = answer(status, "nope");
      const error = await failure(webhook.deliver(target(), event));
      expect(error.permanent, String(status)).toBe(true);
      expect(error.code).toBe("crm_rejected");
      expect(error.message).toContain(`answered ${status}`);
    }
  });

  it("quotes an error page without echoing the URL's path or query back", async () => {
    respond = answer(404, `<html><body><pre>Cannot POST ${PATH}</pre></body></html>`, { "content-type": "text/html" });
    const error = await failure(webhook.deliver(target(), event));
    expect(error.message).toContain(`answered 404: "Cannot POST …"`);
  });

  it("reads only the start of a huge error answer and quotes at most about 200 characters of it", async () => {
    respond = (_req, res) => {
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("x".repeat(5_000_000));
    };
    const started = Date.now();
    const error = await failure(webhook.deliver(target(), event));
    expect(error.permanent).toBe(false);
    expect(error.message.length).toBeLessThan(300);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("does not follow a 301: permanent, with a message to set the final URL", async () => {
    respond = (req, res) => {
      if (req.url === "/moved") return answer(200)(req, res);
      answer(301, "", { location: `${base}/moved` })(req, res);
    };
    const error = await failure(webhook.deliver(target(), event));
    expect(error.permanent).toBe(true);
    expect(error.message).toContain("answered 301");
    expect(error.message).toMatch(/final/i);
    expect(received.map((r) => r.url)).toEqual([PATH]);
  });

  it("times out a webhook that never answers, to be retried", async () => {
    respond = () => undefined; // holds the request open
    const started = Date.now();
    const error = await failure(new HttpEventWebhook({ timeoutMs: 200 }).deliver(target(), event));
    expect(error.permanent).toBe(false);
    expect(error.message).toContain("no answer within 0.2 s");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("retries when nothing listens on the port", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await failure(webhook.deliver(target(`http://127.0.0.1:${port}${PATH}`), event));
    expect(error.permanent).toBe(false);
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toMatch(/refused/);
  });

  it("sends a URL's user and password as Basic auth, and never names them", async () => {
    respond = answer(200);
    const withCredentials = `http://zapier-user:hunter2@${base.slice("http://".length)}${PATH}`;
    await webhook.deliver(target(withCredentials), event);
    const [request] = received as [Received];
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("zapier-user:hunter2").toString("base64")}`);
    expect(request.url).toBe(PATH);

    respond = answer(403, "Forbidden for zapier-user");
    const error = await failure(webhook.deliver(target(withCredentials), event));
    expect(error.permanent).toBe(true);
  });

  it("refuses a URL that is not http(s) without calling anything", async () => {
    for (const url of ["not a url", "ftp://hooks.example.com/hooks/secret-path?token=abc"]) {
      const error = await failure(webhook.deliver(target(url), event));
      expect(error.permanent).toBe(true);
    }
    expect(received).toHaveLength(0);
  });
});
