import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack: reject requests whose timestamp is more than five minutes from local time (replay protection). */
export const SLACK_SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

/**
 * Checks `X-Slack-Signature` (`v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` keyed by the
 * signing secret) and `X-Slack-Request-Timestamp`. Pure: the caller passes the clock.
 *
 * @param rawBody the body exactly as received, before any parsing.
 * @param nowSeconds current Unix time in seconds (from the injected clock).
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack/
 */
export function isValidSlackSignature({
  signingSecret,
  signature,
  timestamp,
  rawBody,
  nowSeconds,
}: {
  signingSecret: string;
  signature: string | undefined;
  timestamp: string | number | undefined;
  rawBody: string | Buffer;
  nowSeconds: number;
}): boolean {
  if (!signingSecret || !signature || timestamp === undefined) return false;
  const ts = String(timestamp);
  if (!/^\d+$/.test(ts)) return false;
  // Both directions: a timestamp far in the future is as suspicious as a stale one.
  if (Math.abs(nowSeconds - Number(ts)) > SLACK_SIGNATURE_MAX_AGE_SECONDS) return false;

  const [version, hash] = signature.split("=", 2);
  if (version !== "v0" || !hash || !/^[0-9a-f]{64}$/i.test(hash)) return false;

  const hmac = createHmac("sha256", signingSecret);
  hmac.update(`v0:${ts}:`);
  hmac.update(rawBody);
  const expected = hmac.digest();
  // Same length guaranteed by the regex above; timingSafeEqual avoids leaking the match prefix.
  return timingSafeEqual(expected, Buffer.from(hash, "hex"));
}
