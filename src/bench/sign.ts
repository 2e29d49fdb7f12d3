import { createHmac } from "node:crypto";

// Lean signers for the load generator: the same bytes Twilio and Slack sign, without loading the
// SDKs into the process that has to out-run the server (checked against the twilio SDK at start).

/** X-Twilio-Signature of a form webhook: base64 HMAC-SHA1 over the URL plus the sorted key/value pairs. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const key of Object.keys(params).sort()) data += key + params[key];
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** application/x-www-form-urlencoded, as Twilio and Slack post. */
export function formBody(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** Slack's v0 request signature headers for a raw body. */
export function slackHeaders(signingSecret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": timestamp, "x-slack-signature": signature, "content-type": "application/x-www-form-urlencoded" };
}
