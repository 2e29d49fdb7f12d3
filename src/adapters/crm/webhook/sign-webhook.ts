import { createHmac } from "node:crypto";

/**
 * How far a signature's timestamp may be from the receiver's clock, either way, before the
 * receiver refuses it (the README's verifier uses the same): a captured delivery cannot be
 * replayed later, and a few minutes of clock drift are forgiven.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The `X-Baton-Signature` header for one delivery, as Stripe signs its webhooks:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The body is signed as the
 * exact string sent (UTF-8), so the receiver must check it before parsing the JSON.
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const t = Math.floor(unixSeconds);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");
  return `t=${t},v1=${v1}`;
}
