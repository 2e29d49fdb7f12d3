import { describe, expect, it } from "vitest";
import { signWebhook, WEBHOOK_TOLERANCE_SECONDS } from "../../../src/adapters/crm/webhook/sign-webhook.js";
import { readmeVerifier } from "../../helpers/fake-crm.js";

const verify = readmeVerifier();
const secret = "whsec_rooftop_42";
const body = JSON.stringify({ id: "evt_1", type: "handoff.requested", customer: { name: "Zoë Müller" } });
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("the README's verifyBatonSignature, against signWebhook", () => {
  it("accepts a genuine delivery, as a string or as the raw bytes", () => {
    const header = signWebhook(secret, body, nowSeconds());
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(body, header, secret)).toBe(true);
    expect(verify(Buffer.from(body, "utf8"), header, secret)).toBe(true);
  });

  it("rejects a body changed by one character", () => {
    const header = signWebhook(secret, body, nowSeconds());
    expect(verify(body.replace("evt_1", "evt_2"), header, secret)).toBe(false);
    expect(verify(`${body} `, header, secret)).toBe(false);
  });

  it("rejects a signature made with another secret", () => {
    expect(verify(body, signWebhook("whsec_other", body, nowSeconds()), secret)).toBe(false);
  });

  it("rejects a stale timestamp (6 minutes old) even with the right HMAC for it", () => {
    const stale = nowSeconds() - 6 * 60;
    const header = signWebhook(secret, body, stale);
    expect(verify(body, header, secret)).toBe(false);
    // The same header passes with a tolerance that covers it: only the age refused it.
    expect(verify(body, header, secret, 7 * 60)).toBe(true);
  });

  it("rejects a timestamp from the future beyond the tolerance", () => {
    expect(verify(body, signWebhook(secret, body, nowSeconds() + 6 * 60), secret)).toBe(false);
    expect(verify(body, signWebhook(secret, body, nowSeconds() + 60), secret)).toBe(true);
  });

  it("rejects a missing or garbled header", () => {
    const good = signWebhook(secret, body, nowSeconds());
    const [t, v1] = good.split(",") as [string, string];
    for (const header of [
      undefined,
      null,
      "",
      "garbage",
      t,
      v1,
      `${t},v1=`,
      `${t},v1=${"z".repeat(64)}`,
      `${t},v1=${v1.slice(3, -2)}`,
      `t=abc,${v1}`,
      `${t},v0=${v1.slice(3)}`,
      ["t=1", v1],
    ])
      expect(verify(body, header, secret), String(header)).toBe(false);
  });

  it("accepts two v1 values when the second is right (secret rotation)", () => {
    const t = nowSeconds();
    const old = signWebhook("whsec_old", body, t).split(",")[1];
    const current = signWebhook(secret, body, t).split(",")[1];
    expect(verify(body, `t=${t},${old},${current}`, secret)).toBe(true);
    expect(verify(body, `t=${t},${old}`, secret)).toBe(false);
  });

  it("uses the same tolerance by default as Baton's WEBHOOK_TOLERANCE_SECONDS", () => {
    expect(WEBHOOK_TOLERANCE_SECONDS).toBe(300);
    const edge = nowSeconds() - WEBHOOK_TOLERANCE_SECONDS + 5;
    expect(verify(body, signWebhook(secret, body, edge), secret)).toBe(true);
    expect(verify(body, signWebhook(secret, body, edge - 15), secret)).toBe(false);
  });

  it("matches an independently computed HMAC-SHA256 of '<t>.<body>'", async () => {
    const { createHmac } = await import("node:crypto");
    const expected = createHmac("sha256", "k").update("1700000000.{}").digest("hex");
    expect(signWebhook("k", "{}", 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });
});
