import { isValidSlackRequest } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { signSlackRequest, slackEventBody, slackMessageEvent } from "../helpers/sign-requests.js";

/**
 * Slack's documented example (docs.slack.dev, "Verifying requests from Slack"; also in
 * python-slack-sdk's tests): one known-answer vector, checked with Bolt's own verifier, the one
 * its receiver applies to every request Baton takes at /slack/events.
 */
const DOCUMENTED = {
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: 1531420618,
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

const check = (o: { secret?: string; body?: string; signature?: string; timestamp?: number; nowSeconds: number }) =>
  isValidSlackRequest({
    signingSecret: o.secret ?? DOCUMENTED.signingSecret,
    body: o.body ?? DOCUMENTED.body,
    headers: {
      "x-slack-signature": o.signature ?? DOCUMENTED.signature,
      "x-slack-request-timestamp": o.timestamp ?? DOCUMENTED.timestamp,
    },
    nowMilliseconds: o.nowSeconds * 1000,
  });

describe("Slack request signatures: Slack's documented vector through Bolt's verifier", () => {
  const ts = DOCUMENTED.timestamp;

  it("accepts it with the clock near its timestamp", () => {
    expect(check({ nowSeconds: ts + 10 })).toBe(true);
  });

  it("is what the tests' signer produces, so every signed test request is signed as Slack signs", () => {
    expect(signSlackRequest(DOCUMENTED.signingSecret, DOCUMENTED.body, ts)["x-slack-signature"]).toBe(
      DOCUMENTED.signature,
    );
  });

  it("refuses it more than five minutes later: a captured request cannot be replayed", () => {
    expect(check({ nowSeconds: ts + 6 * 60 })).toBe(false);
    expect(check({ nowSeconds: Math.floor(Date.now() / 1000) })).toBe(false);
  });

  it("refuses a tampered body, timestamp, secret or signature", () => {
    const now = ts + 1;
    expect(check({ body: DOCUMENTED.body.replace("roadrunner", "wile_e"), nowSeconds: now })).toBe(false);
    expect(check({ timestamp: ts + 1, nowSeconds: now })).toBe(false);
    expect(check({ secret: `${DOCUMENTED.signingSecret}x`, nowSeconds: now })).toBe(false);
    expect(check({ signature: DOCUMENTED.signature.replace(/.$/, "0"), nowSeconds: now })).toBe(false);
  });

  it("round-trips a signed event_callback of the kind Baton relays", () => {
    const secret = "baton-test-signing-secret";
    const now = 1_700_000_000;
    const body = slackEventBody(
      slackMessageEvent({
        user: "U0REP0001",
        text: "On my way",
        channel: "C0HANDOFF",
        ts: "1700000000.000200",
        threadTs: "1700000000.000100",
      }),
    );
    const headers = signSlackRequest(secret, body, now);
    expect(check({ secret, body, signature: headers["x-slack-signature"], timestamp: now, nowSeconds: now })).toBe(
      true,
    );
  });
});
