import type twilio from "twilio";
import { MediaFetchError, type MediaSource } from "../../../core/ports/media.js";
import { RedirectingRequestClient } from "./redirecting-request-client.js";
import { readCappedBody } from "../../fetch/read-capped-body.js";

/** A Twilio Media URL: the account's message's media, and nothing else. */
const MEDIA_PATH =
  /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\/((?:MM|SM)[0-9a-fA-F]{32})\/Media\/(ME[0-9a-fA-F]{32})$/;
/** Twilio's own REST hosts (api.twilio.com and its regional variants), over https. */
const TWILIO_HOST = /^(?:[a-z0-9-]+\.)*twilio\.com$/i;
/**
 * Where Twilio may send a Media URL on to: its own hosts, its media CDN, and S3 (where accounts
 * without enforced media auth are sent). Credentials never follow a redirect.
 */
const REDIRECT_HOST = /^(?:[a-z0-9-]+\.)*(?:twilio\.com|twiliocdn\.com|amazonaws\.com)$/i;
const TIMEOUT_MS = 15_000;

export interface TwilioMediaSettings {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_URL: a compatible provider's (or the tests' fake) base, which Media URLs may name too. */
  apiUrl?: string;
}

/**
 * Inbound MMS files at Twilio: fetched with the account's HTTP Basic auth, only from a Media URL of
 * this account on Twilio's host (or TWILIO_API_URL's), so a forged webhook field cannot make Baton
 * call anywhere else with the account's credentials; deleted with the twilio SDK once stored.
 */
export class TwilioMediaSource implements MediaSource {
  private readonly redirect?: RedirectingRequestClient;

  constructor(
    private readonly client: twilio.Twilio,
    private readonly settings: TwilioMediaSettings,
  ) {
    if (settings.apiUrl) this.redirect = new RedirectingRequestClient(settings.apiUrl);
  }

  async fetch(
    url: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<{ contentType: string; bytes: Uint8Array }> {
    const target = this.resolve(url);
    const auth = Buffer.from(`${this.settings.accountSid}:${this.settings.authToken}`).toString("base64");
    const deadline = signal
      ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)])
      : AbortSignal.timeout(TIMEOUT_MS);
    let response = await this.get(target.href, { authorization: `Basic ${auth}` }, deadline);
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 3; hops += 1) {
      const next = new URL(response.headers.get("location") ?? "", target);
      const ownCdn = this.redirect && next.origin === new URL(this.redirect.baseUrl).origin;
      if (!ownCdn && (next.protocol !== "https:" || !REDIRECT_HOST.test(next.hostname)))
        throw new MediaFetchError(
          `Twilio sent the file on to ${next.hostname}, which is not Twilio's; not followed`,
          true,
        );
      response = await this.get(next.href, {}, deadline);
    }
    if (response.status === 404 || response.status === 410)
      throw new MediaFetchError("Twilio no longer has this file", true);
    if (!response.ok) throw new MediaFetchError(`Twilio answered HTTP ${response.status} for the file`, false);
    const contentType = response.headers.get("content-type") ?? "";
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > maxBytes)
      throw new MediaFetchError(`the file is ${declared} bytes, over the ${maxBytes}-byte limit`, true);
    const bytes = await readCappedBody(response, maxBytes).catch((error: unknown) => {
      throw new MediaFetchError(`the file stopped coming from Twilio (${(error as Error).message})`, false);
    });
    if (!bytes) throw new MediaFetchError(`the file is over the ${maxBytes}-byte limit`, true);
    return { contentType, bytes };
  }

  async delete(url: string): Promise<void> {
    const { messageSid, mediaSid } = this.resolve(url);
    const media = this.client.messages(messageSid).media(mediaSid);
    try {
      await media.remove();
    } catch (error) {
      if ((error as { status?: number }).status === 404) return; // gone already: what was asked
      // A kept-alive connection Twilio had closed fails the first call with "socket hang up": once more.
      await media.remove();
    }
  }

  /** The URL to call for a Media URL of this account, or a permanent refusal. */
  private resolve(url: string): URL & { messageSid: string; mediaSid: string } {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new MediaFetchError("the media URL is not a URL", true);
    }
    const onTwilio = parsed.protocol === "https:" && TWILIO_HOST.test(parsed.hostname) && !parsed.port;
    const base = this.redirect?.baseUrl;
    const onConfigured = base !== undefined && `${parsed.origin}${parsed.pathname}`.startsWith(`${base}/`);
    const path = onConfigured
      ? parsed.pathname.slice(new URL(base!).pathname.replace(/\/$/, "").length)
      : parsed.pathname;
    const match = MEDIA_PATH.exec(path);
    if (!(onTwilio || onConfigured) || !match || match[1] !== this.settings.accountSid || parsed.search)
      throw new MediaFetchError("the media URL is not one of this Twilio account's Media URLs; not fetched", true);
    // Twilio's own host becomes TWILIO_API_URL's when one is set: the credentials go where the REST calls go.
    const target = new URL(this.redirect && onTwilio ? this.redirect.rewrite(parsed.href) : parsed.href);
    return Object.assign(target, { messageSid: match[2]!, mediaSid: match[3]! });
  }

  private async get(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
    try {
      return await fetch(url, { headers, redirect: "manual", signal });
    } catch (error) {
      throw new MediaFetchError(`could not reach Twilio for the file (${(error as Error).message})`, false);
    }
  }
}
