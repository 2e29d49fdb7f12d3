import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isValidSlackSignature, SLACK_SIGNATURE_MAX_AGE_SECONDS } from "../../src/adapters/staff-chat/slack/verify-slack-signature.js";
import { signSlackRequest, slackEventBody, slackMessageEvent } from "../helpers/sign-requests.js";

// Slack's documented example (also in python-slack-sdk's tests), shared outside the repo.
const vectorFile = fileURLToPath(new URL("../../../shared/fixtures/slack/signing_vector.slack-docs.json", import.meta.url));
const haveVector = existsSync(vectorFile);
if (!haveVector) console.warn(`slack-signature: skipping the known-answer vector, ${vectorFile} not found`);

describe.skipIf(!haveVector)("isValidSlackSignature: Slack's documented vector", () => {
  const v = haveVector
    ? (JSON.parse(readFileSync(vectorFile, "utf8")) as { signing_secret: string; timestamp: string; body: string; expected_signature: string })
    : { signing_secret: "", timestamp: "0", body: "", expected_signature: "" };
  const ts = Number(v.timestamp);
  const base = { signingSecret: v.signing_secret, signature: v.expected_signature, timestamp: v.timestamp, rawBody: v.body };

  it("accepts it with the clock near its timestamp", () => {
    expect(isValidSlackSignature({ ...base, nowSeconds: ts + 10 })).toBe(true);
    expect(isValidSlackSignature({ ...base, rawBody: Buffer.from(v.body), nowSeconds: ts })).toBe(true);
  });

  it("matches what the test signer produces", () => {
    expect(signSlackRequest(v.signing_secret, v.body, ts)["x-slack-signature"]).toBe(v.expected_signature);
  });

  it("rejects it once more than five minutes old, or as far in the future", () => {
    expect(isValidSlackSignature({ ...base, nowSeconds: ts + SLACK_SIGNATURE_MAX_AGE_SECONDS })).toBe(true);
    expect(isValidSlackSignature({ ...base, nowSeconds: ts + SLACK_SIGNATURE_MAX_AGE_SECONDS + 1 })).toBe(false);
    expect(isValidSlackSignature({ ...base, nowSeconds: ts - SLACK_SIGNATURE_MAX_AGE_SECONDS - 1 })).toBe(false);
    // Today's clock: a captured request can't be replayed years later.
    expect(isValidSlackSignature({ ...base, nowSeconds: Math.floor(Date.now() / 1000) })).toBe(false);
  });

  it("rejects a tampered body, timestamp, secret or signature", () => {
    const now = ts + 1;
    expect(isValidSlackSignature({ ...base, rawBody: v.body.replace("roadrunner", "wile_e"), nowSeconds: now })).toBe(false);
    expect(isValidSlackSignature({ ...base, timestamp: String(ts + 1), nowSeconds: now })).toBe(false);
    expect(isValidSlackSignature({ ...base, signingSecret: `${v.signing_secret}x`, nowSeconds: now })).toBe(false);
    expect(isValidSlackSignature({ ...base, signature: v.expected_signature.replace(/.$/, "0"), nowSeconds: now })).toBe(false);
  });
});

describe("isValidSlackSignature: inputs", () => {
  const secret = "baton-test-signing-secret";
  const now = 1_700_000_000;
  const body = slackEventBody(slackMessageEvent({ user: "U0REP0001", text: "On my way", channel: "C0HANDOFF", ts: "1700000000.000200", threadTs: "1700000000.000100" }));
  const headers = signSlackRequest(secret, body, now);

  it("round-trips a signed event_callback", () => {
    expect(headers["content-type"]).toBe("application/json");
    const signature = headers["x-slack-signature"];
    expect(isValidSlackSignature({ signingSecret: secret, signature, timestamp: headers["x-slack-request-timestamp"], rawBody: body, nowSeconds: now })).toBe(true);
  });

  it("rejects missing or malformed headers without throwing", () => {
    const ok = { signingSecret: secret, signature: headers["x-slack-signature"], timestamp: String(now), rawBody: body, nowSeconds: now };
    expect(isValidSlackSignature({ ...ok, signature: undefined })).toBe(false);
    expect(isValidSlackSignature({ ...ok, timestamp: undefined })).toBe(false);
    expect(isValidSlackSignature({ ...ok, timestamp: "17e8" })).toBe(false);
    expect(isValidSlackSignature({ ...ok, signature: ok.signature!.replace("v0=", "v1=") })).toBe(false);
    expect(isValidSlackSignature({ ...ok, signature: "v0=abc" })).toBe(false);
    expect(isValidSlackSignature({ ...ok, signingSecret: "" })).toBe(false);
  });
});
