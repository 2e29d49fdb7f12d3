import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { configErrorOf as errorOf } from "../../helpers/config-error-of.js";

const SLACK = {
  SLACK_BOT_TOKEN: "xoxb-secret-bot-token",
  SLACK_SIGNING_SECRET: "shh-signing",
  SLACK_HANDOFF_CHANNEL: "C0123456789",
};
const SECRET = "0123456789abcdef0123456789abcdef";
const SMTP = { SMTP_URL: "smtps://baton:hunter2@smtp.example.com:465", SMTP_FROM: "Baton <baton@example.com>" };

describe("the CRM's settings", () => {
  it("one store: the ADF address with its mail server, the webhook with its secret, the dedupe window", () => {
    const config = loadConfig({
      ...SLACK,
      CRM_ADF_EMAIL: "leads@store.crm.example",
      ...SMTP,
      CRM_WEBHOOK_URL: "https://hooks.example.com/baton",
      CRM_WEBHOOK_SECRET: SECRET,
      CRM_DEDUPE_DAYS: "14",
    });
    expect(config.rooftops[0]!.crm).toEqual({
      adfEmail: "leads@store.crm.example",
      webhook: { url: "https://hooks.example.com/baton", secret: SECRET },
    });
    expect(config.crm).toEqual({ smtp: { url: SMTP.SMTP_URL, from: SMTP.SMTP_FROM }, dedupeDays: 14 });
  });

  it("says which setting is missing or wrong, without repeating secrets", () => {
    expect(errorOf({ ...SLACK, CRM_ADF_EMAIL: "leads@store.crm.example" })).toMatch(
      /^SMTP_URL: expected the mail server/,
    );
    expect(errorOf({ ...SLACK, CRM_ADF_EMAIL: "leads@store.crm.example", SMTP_URL: SMTP.SMTP_URL })).toMatch(
      /^SMTP_FROM: expected the address lead e-mails come from/,
    );
    expect(errorOf({ ...SLACK, CRM_ADF_EMAIL: "not an address" })).toMatch(/^CRM_ADF_EMAIL: .*lead e-mail address/);
    expect(errorOf({ ...SLACK, CRM_WEBHOOK_URL: "https://hooks.example.com/x" })).toMatch(
      /^CRM_WEBHOOK_SECRET: expected a secret of at least 32 characters/,
    );
    expect(errorOf({ ...SLACK, CRM_WEBHOOK_URL: "http://hooks.example.com/x", CRM_WEBHOOK_SECRET: SECRET })).toMatch(
      /^CRM_WEBHOOK_URL: expected an https URL/,
    );
    expect(errorOf({ ...SLACK, CRM_WEBHOOK_URL: "https://hooks.example.com/x", CRM_WEBHOOK_SECRET: "short" })).toMatch(
      /^CRM_WEBHOOK_SECRET: .*at least 32 characters/,
    );
    const badSmtp = errorOf({ ...SLACK, ...SMTP, SMTP_URL: "https://baton:hunter2@smtp.example.com" });
    expect(badSmtp).toMatch(/^SMTP_URL: expected an smtp:\/\/ or smtps:\/\/ URL/);
    expect(badSmtp).not.toContain("hunter2");
    expect(errorOf({ ...SLACK, CRM_DEDUPE_DAYS: "forever" })).toMatch(/^CRM_DEDUPE_DAYS: /);
    // Plain http to this machine is allowed: a local relay.
    expect(
      loadConfig({ ...SLACK, CRM_WEBHOOK_URL: "http://127.0.0.1:8080/hook", CRM_WEBHOOK_SECRET: SECRET }).rooftops[0]!
        .crm?.webhook?.url,
    ).toBe("http://127.0.0.1:8080/hook");
  });

  it("several rooftops: each its own ADF address and webhook, a shared secret allowed, bad fields named", () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-crm-"));
    try {
      const rooftop = (id: string, crm: unknown) => ({
        id,
        name: id,
        timezone: "America/Chicago",
        smsNumber: id === "north" ? "+15125550101" : "+15125550102",
        slack: { handoffChannel: "C0123456789" },
        crm,
      });
      writeFileSync(
        join(dir, "baton.json"),
        JSON.stringify({
          rooftops: [
            rooftop("north", { adfEmail: "north@crm.example", webhookUrl: "https://hooks.example.com/north" }),
            rooftop("south", {
              webhookUrl: "https://hooks.example.com/south",
              webhookSecret: SECRET.replace("0", "z"),
            }),
          ],
        }),
      );
      const env = {
        BATON_CONFIG: "baton.json",
        ...SLACK,
        SLACK_HANDOFF_CHANNEL: "",
        ...SMTP,
        CRM_WEBHOOK_SECRET: SECRET,
      };
      const config = loadConfig(env, dir);
      expect(config.rooftops.map((r) => r.crm)).toEqual([
        { adfEmail: "north@crm.example", webhook: { url: "https://hooks.example.com/north", secret: SECRET } },
        { adfEmail: undefined, webhook: { url: "https://hooks.example.com/south", secret: SECRET.replace("0", "z") } },
      ]);
      expect(errorOf({ ...env, CRM_ADF_EMAIL: "leads@store.crm.example" }, dir)).toMatch(
        /^CRM_ADF_EMAIL: expected it unset with BATON_CONFIG/,
      );
      expect(errorOf({ ...env, SMTP_URL: "" }, dir)).toMatch(
        /SMTP_URL: .*because rooftops\.north\.crm\.adfEmail is set/,
      );
      expect(errorOf({ ...env, CRM_WEBHOOK_SECRET: "" }, dir)).toMatch(
        /rooftops\.north\.crm\.webhookSecret \(or CRM_WEBHOOK_SECRET\): expected a secret/,
      );
      writeFileSync(join(dir, "bad.json"), JSON.stringify({ rooftops: [rooftop("north", { adfEmail: "nope" })] }));
      expect(errorOf({ ...env, BATON_CONFIG: "bad.json" }, dir)).toMatch(
        /rooftops\.0\.crm\.adfEmail: .*lead e-mail address/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the sandbox shows leads in its CRM pane: nothing is sent, no mail server needed", () => {
    const config = loadConfig({ CRM_ADF_EMAIL: "leads@store.crm.example" });
    expect(config.sandbox).toBeDefined();
    expect(config.crm.smtp).toBeUndefined();
    expect(config.rooftops[0]!.crm?.adfEmail).toBe("leads@store.crm.example");
    expect(loadConfig({}).rooftops[0]!.crm?.adfEmail).toBe("crm@sandbox.invalid");
  });
});
