import { maskPhonesIn } from "../../../core/compliance/mask-phone.js";
import type { CrmWebhookEvent } from "../../../core/crm/crm-event.js";
import { CrmDeliveryError, type EventWebhook, type WebhookTarget } from "../../../core/ports/crm.js";
import { signWebhook } from "./sign-webhook.js";

export interface HttpEventWebhookOptions {
  /** How long one delivery may take, answer included (default 10 s). */
  timeoutMs?: number;
  /** The clock the signature's timestamp is read from. */
  now?: () => Date;
  userAgent?: string;
}

/** How much of an error answer is read (the rest is dropped), and how much of it a message quotes. */
const READ_BYTES = 4096;
const QUOTE_CHARS = 200;
/** Statuses that say "not now" rather than "never": retried with the 5xx. */
const RETRY_STATUSES = new Set([408, 425, 429]);
/** Network failures, by the code Node gives them, in words the receiver's IT person can act on. */
const NETWORK_FAILURES: Record<string, string> = {
  ECONNREFUSED: "refused the connection (nothing listening on that port?)",
  ECONNRESET: "closed the connection before answering",
  EPIPE: "closed the connection before answering",
  UND_ERR_SOCKET: "closed the connection before answering",
  ENOTFOUND: "could not be found (no DNS record for that host)",
  EAI_AGAIN: "could not be looked up (DNS did not answer)",
  ETIMEDOUT: "did not accept a connection in time",
  UND_ERR_CONNECT_TIMEOUT: "did not accept a connection in time",
  EHOSTUNREACH: "could not be reached (no route to the host)",
  ENETUNREACH: "could not be reached (no route to the host)",
};

/**
 * The CRM webhook over HTTP: each event is POSTed as JSON, signed with the rooftop's secret
 * (`X-Baton-Signature`, see signWebhook), with its id and type in headers too. A 2xx is a delivery;
 * a 408, 425, 429, 5xx, timeout or network failure is retried; a redirect or any other 4xx is not
 * (the URL or the receiver needs fixing). Messages name the host only: a Zapier or n8n URL's path
 * and query are its secret.
 */
export class HttpEventWebhook implements EventWebhook {
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly userAgent: string;

  constructor(options: HttpEventWebhookOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? (() => new Date());
    this.userAgent = options.userAgent ?? "Baton-Webhook/1";
  }

  async deliver(target: WebhookTarget, event: CrmWebhookEvent): Promise<void> {
    const { url, host, authorization } = parseTarget(target.url);
    const body = JSON.stringify(event);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": this.userAgent,
      "x-baton-event-id": event.id,
      "x-baton-event-type": event.type,
      "x-baton-signature": signWebhook(target.secret, body, Math.floor(this.now().getTime() / 1000)),
    };
    if (authorization) headers.authorization = authorization;

    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw networkFailure(error, host, this.timeoutMs);
    }

    const status = response.status;
    if (status >= 200 && status < 300) {
      await response.body?.cancel().catch(() => undefined);
      return;
    }
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const to = redirectHost(response.headers.get("location"), url);
      throw new CrmDeliveryError(
        `the webhook at ${host} answered ${status}, a redirect${to ? ` to ${to}` : ""}; ` +
          "Baton does not follow redirects: set the webhook URL to the final address",
        true,
      );
    }
    const said = await quoteBody(response, target.url);
    const retry = status >= 500 || RETRY_STATUSES.has(status);
    const wait = retry ? retryAfter(response.headers.get("retry-after")) : "";
    throw new CrmDeliveryError(`the webhook at ${host} answered ${status}${wait}${said}`, !retry);
  }
}

/** The URL to call (credentials moved to a Basic header: fetch refuses them in a URL) and its host, for messages. */
function parseTarget(raw: string): { url: string; host: string; authorization?: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CrmDeliveryError("the webhook URL is not a valid URL (it must start with https://)", true);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new CrmDeliveryError(`the webhook URL must start with https:// (it starts with ${url.protocol}//)`, true);
  let authorization: string | undefined;
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  return { url: url.href, host: url.host, authorization };
}

/** Why fetch threw, without the URL (Node's messages can carry it). */
function networkFailure(error: unknown, host: string, timeoutMs: number): CrmDeliveryError {
  const err = error as { name?: string; cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError")
    return new CrmDeliveryError(`the webhook at ${host}: no answer within ${seconds(timeoutMs)}`, false);
  const cause = err.cause;
  // The fetch standard's blocked ports (25, 6000, ...): no retry will ever reach them.
  if (cause?.message === "bad port")
    return new CrmDeliveryError(
      `the webhook at ${host} uses a port HTTP clients refuse (a mail or other non-web port): use 443`,
      true,
    );
  const code = cause?.code ?? "";
  const words = NETWORK_FAILURES[code];
  if (words) return new CrmDeliveryError(`the webhook at ${host} ${words}`, false);
  if (/CERT|VERIFY|SIGNATURE/.test(code))
    return new CrmDeliveryError(`the webhook at ${host}: its HTTPS certificate was not accepted (${code})`, false);
  if (/SSL|TLS/.test(code))
    return new CrmDeliveryError(
      `the webhook at ${host}: the HTTPS handshake failed (${code}); does that port serve HTTPS?`,
      false,
    );
  return new CrmDeliveryError(`the webhook at ${host} could not be reached${code ? ` (${code})` : ""}`, false);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** The host a redirect points to, if it says (never its path: that may be a secret too). */
function redirectHost(location: string | null, base: string): string | undefined {
  if (!location) return undefined;
  try {
    return new URL(location, base).host;
  } catch {
    return undefined;
  }
}

function retryAfter(value: string | null): string {
  if (!value) return "";
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return ` (it asked to wait ${Math.round(s)} s)`;
  return "";
}

/**
 * The start of an error answer, as a short quote: at most READ_BYTES are read and the rest cancelled;
 * tags and runs of whitespace collapsed; the URL's path, query and credentials blanked out (a
 * framework's "Cannot POST /hooks/..." page echoes them).
 */
async function quoteBody(response: Response, rawUrl: string): Promise<string> {
  const text = await readStart(response, READ_BYTES);
  if (!text) return "";
  let quote = text
    .replace(/<[^>]*>/g, " ")
    .replace(/\p{Cc}+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const secret of secretsOf(rawUrl)) quote = quote.split(secret).join("…");
  // A receiver that echoes the event back would put the customer's number in logs and alerts.
  quote = maskPhonesIn(quote);
  if (!quote) return "";
  if (quote.length > QUOTE_CHARS) quote = `${quote.slice(0, QUOTE_CHARS)}…`;
  return `: "${quote}"`;
}

/** Up to maxBytes of the body as text; the rest cancelled. Nothing if it cannot be read. */
async function readStart(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    // A body cut off or timed out: what arrived is still worth quoting.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks, total).subarray(0, maxBytes).toString("utf8");
}

/** The parts of a webhook URL that must not appear in a message, as written and decoded, longest first. */
function secretsOf(rawUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return [];
  }
  const parts = new Set<string>();
  const add = (s: string) => {
    if (s.length < 3) return;
    parts.add(s);
    try {
      parts.add(decodeURIComponent(s));
    } catch {
      // not percent-encoded validly: the raw form is enough
    }
  };
  add(`${url.pathname}${url.search}`);
  if (url.pathname !== "/") add(url.pathname);
  add(url.search);
  add(url.search.slice(1));
  for (const [, value] of url.searchParams) add(value);
  // A path's own ids (Zapier's /hooks/catch/123/abc/, n8n's /webhook/<uuid>), not words like "hooks".
  for (const segment of url.pathname.split("/")) if (/\d/.test(segment) || segment.length >= 12) add(segment);
  add(url.username);
  add(url.password);
  return [...parts].sort((a, b) => b.length - a.length);
}
