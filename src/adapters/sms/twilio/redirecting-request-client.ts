import twilio from "twilio";
// Type-only: the index re-exports the class but not its namespace of option types (no "exports" map, so this path is stable).
import type RequestClient from "twilio/lib/base/RequestClient.js";

/**
 * Matches the scheme and host of every Twilio REST host: `api.twilio.com` and the edge/region
 * variants the SDK derives from TWILIO_EDGE / TWILIO_REGION (`api.sydney.au1.twilio.com`),
 * plus other product hosts (`messaging.twilio.com`, ...), with an optional explicit :443.
 */
const TWILIO_HOST_PREFIX = /^https:\/\/(?:[a-z0-9-]+\.)*twilio\.com(?::443)?(?=[/?#]|$)/i;

/**
 * A twilio-node `RequestClient` that sends REST calls to another base URL with the same paths:
 * a Twilio-compatible provider, or a fake on 127.0.0.1 in tests.
 *
 * twilio 6 builds the full `https://api.twilio.com/2010-04-01/...` URI itself (BaseTwilio.request,
 * after applying edge/region) and hands it to `httpClient.request(opts)`, so rewriting `opts.uri`
 * here is the one place that moves every call. Every `*.twilio.com` host is rewritten, not just
 * `api.`: once another provider is configured, its credentials must never be sent to Twilio.
 */
export class RedirectingRequestClient extends twilio.RequestClient {
  readonly baseUrl: string;

  /** @param baseUrl e.g. `http://127.0.0.1:4010` or `https://provider.example/api/laml` (a path prefix is kept). */
  constructor(baseUrl: string, opts?: RequestClient.RequestClientOptions) {
    super(opts);
    const parsed = new URL(baseUrl);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new Error(`TWILIO_API_URL: expected an http(s) URL, got ${baseUrl}`);
    }
    this.baseUrl = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "");
  }

  /** Maps a Twilio URI onto the base URL; URIs on other hosts pass through unchanged. */
  rewrite(uri: string): string {
    return uri.replace(TWILIO_HOST_PREFIX, this.baseUrl);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: this.rewrite(opts.uri) });
  }
}

export interface TwilioClientSettings {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_URL: send REST calls here instead of https://api.twilio.com. */
  apiUrl?: string;
}

/** The real twilio client; redirected to `apiUrl` only when one is configured. */
export function createTwilioClient({ accountSid, authToken, apiUrl }: TwilioClientSettings): twilio.Twilio {
  return apiUrl
    ? twilio(accountSid, authToken, { httpClient: new RedirectingRequestClient(apiUrl) })
    : twilio(accountSid, authToken);
}
