import { createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../core/ports/clock.js";
import type { MediaLinks } from "../../core/ports/media.js";

/**
 * Links to stored files that work for a while and only as signed: `/media/<id>?e=<expiry>&s=<HMAC>`.
 * What the SMS provider fetches for an outbound MMS and what Teams shows; anyone without the link,
 * or with an old or altered one, gets a 404.
 */
export class SignedMediaLinks implements MediaLinks {
  constructor(
    private readonly secret: string,
    /** PUBLIC_URL, where the provider and Teams reach Baton; "" for same-origin links (the sandbox). */
    private readonly baseUrl: string,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  urlFor(mediaId: string): string {
    const expires = Math.floor((this.clock.now().getTime() + this.ttlMs) / 1000);
    return `${this.baseUrl}/media/${encodeURIComponent(mediaId)}?e=${expires}&s=${this.sign(mediaId, expires)}`;
  }

  /** Whether `signature` is this Baton's for the id and expiry, and the expiry is still ahead. */
  verify(mediaId: string, expires: string | undefined, signature: string | undefined): boolean {
    if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
    if (Number(expires) * 1000 <= this.clock.now().getTime()) return false;
    const expected = Buffer.from(this.sign(mediaId, Number(expires)));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(mediaId: string, expires: number): string {
    return createHmac("sha256", this.secret).update(`${mediaId}.${expires}`).digest("base64url");
  }
}
