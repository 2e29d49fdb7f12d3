import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId?: string;
}

/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package), as a CRM's mail gateway: it keeps
 * what it is sent, can be taken down and brought back on the same port, and can refuse recipients.
 */
export interface FakeSmtp {
  url: string;
  mails: ReceivedMail[];
  /** Refuses the next RCPT TO with this SMTP code (451 temporary, 550 permanent). */
  refuseNext(code: number, times?: number): void;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const mails: ReceivedMail[] = [];
  const refusals: number[] = [];
  let port = 0;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = refusals.shift();
        if (code === undefined) return callback();
        callback(Object.assign(new Error(`${code} mailbox ${address.address} unavailable`), { responseCode: code }));
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              messageId: parsed.messageId,
            });
            callback();
          })
          .catch(callback);
      },
    });
  let server = make();
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  await listen();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    mails,
    refuseNext(code, times = 1) {
      for (let i = 0; i < times; i++) refusals.push(code);
    },
    down: close,
    async up() {
      server = make();
      await listen();
    },
    stop: close,
  };
}

export interface ReceivedEvent {
  headers: IncomingHttpHeaders;
  raw: string;
  status: number;
  event: { id: string; type: string; [key: string]: unknown };
}

/** A webhook receiver on 127.0.0.1 that answers what it is told to (200 unless queued otherwise). */
export interface FakeWebhook {
  url: string;
  received: ReceivedEvent[];
  /** Events it answered 2xx: what the receiver's system took. */
  accepted(): ReceivedEvent[];
  answerNext(...statuses: number[]): void;
  stop(): Promise<void>;
}

export async function startFakeWebhook(path = "/hooks/baton"): Promise<FakeWebhook> {
  const received: ReceivedEvent[] = [];
  const queued: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const status = queued.shift() ?? 200;
      received.push({ headers: req.headers, raw, status, event: JSON.parse(raw) as ReceivedEvent["event"] });
      res.writeHead(status, { "content-type": "application/json", connection: "close" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    accepted: () => received.filter((r) => r.status >= 200 && r.status < 300),
    answerNext: (...statuses) => queued.push(...statuses),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type VerifyBatonSignature = (
  rawBody: string | Buffer,
  header: unknown,
  secret: string,
  toleranceSeconds?: number,
) => boolean;

/** The README's verifier, as a receiver would paste it: the js block after the WEBHOOK-VERIFY marker. */
export function readmeVerifier(): VerifyBatonSignature {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const marker = readme.indexOf("<!-- WEBHOOK-VERIFY:");
  const code = marker < 0 ? undefined : /```js\n([\s\S]*?)```/.exec(readme.slice(marker))?.[1];
  if (!code) throw new Error("README has no js block after its WEBHOOK-VERIFY marker");
  return new Function("require", `${code}; return verifyBatonSignature;`)(
    createRequire(import.meta.url),
  ) as VerifyBatonSignature;
}
