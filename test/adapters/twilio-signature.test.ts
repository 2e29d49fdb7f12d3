import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import {
  isValidTwilioJsonSignature,
  isValidTwilioSignature,
} from "../../src/adapters/sms/twilio/verify-twilio-signature.js";
import { signTwilioRequest } from "../helpers/sign-requests.js";

// Known-answer vectors collected from twilio-python and Twilio's docs (test/fixtures/SOURCES.md).
const vectorsFile = fileURLToPath(new URL("../fixtures/twilio/signature_vectors.json", import.meta.url));

interface Vector {
  id: string;
  auth_token: string;
  url: string;
  params?: Record<string, string>;
  params_multi?: Array<[string, string]>;
  raw_body?: string;
  expected_signature: string;
}

const vectors: Vector[] = (JSON.parse(readFileSync(vectorsFile, "utf8")) as { vectors: Vector[] }).vectors;
const formVectors = vectors.filter((v) => v.raw_body === undefined);
const jsonVectors = vectors.filter((v) => v.raw_body !== undefined);

/** Repeated keys (params_multi) arrive from a form parser as arrays. */
function paramsOf(v: Vector): Record<string, string | string[]> {
  if (!v.params_multi) return v.params ?? {};
  const out: Record<string, string | string[]> = {};
  for (const [k, val] of v.params_multi) {
    const prev = out[k];
    out[k] = prev === undefined ? val : [prev, val].flat();
  }
  return out;
}

describe("isValidTwilioSignature: known-answer vectors", () => {
  it("has vectors to run", () => {
    expect(formVectors.length).toBeGreaterThanOrEqual(7);
    expect(jsonVectors.length).toBeGreaterThanOrEqual(1);
  });

  it.each(formVectors.map((v) => [v.id, v] as const))("%s: accepts the published signature", (_id, v) => {
    expect(
      isValidTwilioSignature({
        authToken: v.auth_token,
        signature: v.expected_signature,
        url: v.url,
        params: paramsOf(v),
      }),
    ).toBe(true);
  });

  it.each(formVectors.map((v) => [v.id, v] as const))("%s: rejects a tampered parameter, token or URL", (_id, v) => {
    const params = paramsOf(v);
    const [firstKey] = Object.keys(params);
    const tampered = { ...params, [firstKey!]: "tampered" };
    const base = { authToken: v.auth_token, signature: v.expected_signature, url: v.url, params };
    expect(isValidTwilioSignature({ ...base, params: tampered })).toBe(false);
    expect(isValidTwilioSignature({ ...base, authToken: "54321" })).toBe(false);
    expect(isValidTwilioSignature({ ...base, url: v.url.replace("myapp.php", "other.php") })).toBe(false);
  });

  // The SDK's validateRequestWithBody covers Twilio's JSON webhooks (bodySHA256 in the URL).
  it.each(jsonVectors.map((v) => [v.id, v] as const))("%s: JSON body with bodySHA256", (_id, v) => {
    const base = { authToken: v.auth_token, signature: v.expected_signature, url: v.url, rawBody: v.raw_body! };
    expect(isValidTwilioJsonSignature(base)).toBe(true);
    expect(isValidTwilioJsonSignature({ ...base, rawBody: v.raw_body!.replace("true", "false") })).toBe(false);
  });
});

/**
 * Twilio's documented example (Twilio's "Webhooks security" page and its api-snippets; also in
 * twilio-python's tests): always run, whether or not the shared vectors are beside the repo.
 */
describe("isValidTwilioSignature: Twilio's documented example", () => {
  const documented = {
    authToken: "12345",
    url: "https://mycompany.com/myapp.php?foo=1&bar=2",
    params: {
      CallSid: "CA1234567890ABCDE",
      Caller: "+14158675310",
      Digits: "1234",
      From: "+14158675310",
      To: "+18005551212",
    },
    signature: "GvWf1cFY/Q7PnoempGyD5oXAezc=",
  };

  it("accepts the published signature, and the test signer produces it", () => {
    expect(isValidTwilioSignature(documented)).toBe(true);
    expect(signTwilioRequest(documented.authToken, documented.url, documented.params)).toBe(documented.signature);
  });

  it("refuses it with one parameter changed, or another token", () => {
    expect(isValidTwilioSignature({ ...documented, params: { ...documented.params, Digits: "1235" } })).toBe(false);
    expect(isValidTwilioSignature({ ...documented, authToken: "54321" })).toBe(false);
  });
});

describe("isValidTwilioSignature: inputs", () => {
  const url = "https://baton.example.com/webhooks/twilio/sms";
  const params = { From: "+15125550100", To: "+15125550199", Body: "Is the Tahoe still there?" };

  it("round-trips with the test signer", () => {
    const signature = signTwilioRequest("secret-token", url, params);
    expect(isValidTwilioSignature({ authToken: "secret-token", signature, url, params })).toBe(true);
  });

  it("rejects a missing signature or token, and a malformed URL, without throwing", () => {
    expect(isValidTwilioSignature({ authToken: "secret-token", signature: undefined, url, params })).toBe(false);
    expect(isValidTwilioSignature({ authToken: "", signature: "abc=", url, params })).toBe(false);
    expect(isValidTwilioSignature({ authToken: "secret-token", signature: "abc=", url: "not a url", params })).toBe(
      false,
    );
  });
});

/**
 * The webhook URL the README gives ends in Twilio's connection overrides (`#rc=5&rp=all`), so a text
 * that arrives while the database is down is retried. The fragment never reaches Baton; the request
 * is signed by Twilio over the configured URL, as the SDK's own signer computes it.
 */
describe("isValidTwilioSignature: a webhook URL with connection overrides", () => {
  const received = "https://baton.example.com/twilio/sms";
  const params = {
    From: "+15125550100",
    To: "+15125550199",
    Body: "Is the Tahoe still there?",
    MessageSid: "SM" + "a".repeat(32),
  };

  it("accepts a request signed over the URL with the README's overrides, and over the URL without them", () => {
    for (const signedUrl of [`${received}#rc=5&rp=all`, received]) {
      const signature = twilio.getExpectedTwilioSignature("secret-token", signedUrl, params);
      expect(twilio.validateRequest("secret-token", signature, signedUrl, params)).toBe(true); // the SDK agrees with itself
      expect(isValidTwilioSignature({ authToken: "secret-token", signature, url: received, params })).toBe(true);
    }
  });

  it("refuses one signed over other overrides than the README's, or for another path", () => {
    const other = twilio.getExpectedTwilioSignature("secret-token", `${received}#rc=2`, params);
    expect(isValidTwilioSignature({ authToken: "secret-token", signature: other, url: received, params })).toBe(false);
    const elsewhere = twilio.getExpectedTwilioSignature(
      "secret-token",
      "https://baton.example.com/twilio/status#rc=5&rp=all",
      params,
    );
    expect(isValidTwilioSignature({ authToken: "secret-token", signature: elsewhere, url: received, params })).toBe(
      false,
    );
  });
});
