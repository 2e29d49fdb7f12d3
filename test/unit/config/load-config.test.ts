import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { configErrorOf as errorOf } from "../../helpers/config-error-of.js";

const TWILIO = {
  TWILIO_ACCOUNT_SID: "AC" + "a".repeat(32),
  TWILIO_AUTH_TOKEN: "super-secret-token-value",
  TWILIO_PHONE_NUMBER: "+15125550100",
  PUBLIC_URL: "https://baton.example.com/",
};
const SLACK = {
  SLACK_BOT_TOKEN: "xoxb-secret-bot-token",
  SLACK_SIGNING_SECRET: "shh-signing",
  SLACK_HANDOFF_CHANNEL: "C0123456789",
};

describe("loadConfig", () => {
  it("starts on embedded defaults with nothing set: every integration off, the local brain", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.twilio).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.openai).toBeUndefined();
    expect(config.rooftops).toHaveLength(1);
    // The sandbox's sample store is in Fort Worth: its hours, schedule and clock all use its zone.
    expect(config.rooftops[0]!.timezone).toBe("America/Chicago");
    expect(config.rooftops[0]!.knowledge.timezone).toBe("America/Chicago");
    expect(config.replyCoalesceMs).toBe(3000);
  });

  it("keeps one time zone for the store: DEALERSHIP_TIMEZONE, else the knowledge file's, for its hours and its schedule alike", () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-zone-"));
    const file = join(dir, "knowledge.json");
    writeFileSync(file, JSON.stringify({ name: "Front Range Auto", timezone: "America/Denver" }));
    const fromFile = loadConfig({ KNOWLEDGE_FILE: file }).rooftops[0]!;
    expect([fromFile.timezone, fromFile.knowledge.timezone]).toEqual(["America/Denver", "America/Denver"]);
    const fromEnv = loadConfig({ KNOWLEDGE_FILE: file, DEALERSHIP_TIMEZONE: "America/Phoenix" }).rooftops[0]!;
    expect([fromEnv.timezone, fromEnv.knowledge.timezone]).toEqual(["America/Phoenix", "America/Phoenix"]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads values as docker run --env-file passes them: quotes around a whole value are the file's", () => {
    const config = loadConfig({
      SCHEDULER_CRON: '"*/5 * * * *"',
      DEALERSHIP_NAME: "'Quoted Motors'",
      DATABASE_URL: "",
    });
    expect(config.scheduler?.cron).toBe("*/5 * * * *");
    expect(config.rooftops[0]!.name).toBe("Quoted Motors");
    expect(config.databaseUrl).toBeUndefined(); // blank: the default, ./data (the image's /data volume)
  });

  it("reads the countries a lead's first text may go to: the US and Canada unless told", () => {
    const token = "a-leads-secret-for-tests-0001";
    expect(loadConfig({ LEADS_TOKEN: token }).rooftops[0]!.leads?.smsCountries).toEqual(["US", "CA"]);
    expect(loadConfig({ LEADS_TOKEN: token, LEADS_SMS_COUNTRIES: "us, pr" }).rooftops[0]!.leads?.smsCountries).toEqual([
      "US",
      "PR",
    ]);
    expect(errorOf({ LEADS_TOKEN: token, LEADS_SMS_COUNTRIES: "USA" })).toMatch(
      /^LEADS_SMS_COUNTRIES(?:\.\d+)?: expected two-letter country codes/,
    );
  });

  it("reads the reply window; 0 answers each text at once", () => {
    expect(loadConfig({ REPLY_COALESCE_MS: "0" }).replyCoalesceMs).toBe(0);
    expect(loadConfig({ REPLY_COALESCE_MS: "1500" }).replyCoalesceMs).toBe(1500);
  });

  it("treats empty values from a copied .env.example as unset", () => {
    expect(
      loadConfig({ TWILIO_ACCOUNT_SID: "", SLACK_BOT_TOKEN: "", OPENAI_API_KEY: "", PUBLIC_URL: "" }).twilio,
    ).toBeUndefined();
  });

  it("starts on .env.example copied as it is: every blank line means unset, its defaults apply", () => {
    const example = parseEnv(readFileSync(".env.example", "utf8"));
    expect(example.DEALERSHIP_NAME).toBe(""); // the file leaves it blank, as an installer would copy it
    const config = loadConfig(example);
    expect(config.rooftops[0]).toMatchObject({ name: "Baton Demo Motors", timezone: "America/Chicago" });
    expect(config.twilio).toBeUndefined();
    expect(loadConfig({ DEALERSHIP_NAME: "  ", DEALERSHIP_TIMEZONE: "" }).rooftops[0]!.name).toBe("Baton Demo Motors");
  });

  it("turns Twilio and Slack on when their variables are complete", () => {
    const config = loadConfig({ ...TWILIO, ...SLACK, SLACK_SALES_CHANNEL: "C0SALES0001" });
    expect(config.twilio?.accountSid).toBe(TWILIO.TWILIO_ACCOUNT_SID);
    expect(config.publicUrl).toBe("https://baton.example.com");
    expect(config.rooftops[0]!.smsNumber).toBe("+15125550100");
    expect(config.rooftops[0]!.slack).toEqual({
      handoffChannel: "C0123456789",
      managerChannel: undefined,
      departmentChannels: { sales: "C0SALES0001" },
    });
  });

  it.each([
    [{ PORT: "eighty" }, /^PORT: expected/],
    [{ ANSWER_CONCURRENCY: "0" }, /^ANSWER_CONCURRENCY: /],
    [{ ANSWER_CONCURRENCY: "2.5" }, /^ANSWER_CONCURRENCY: expected a whole number of texts/],
    [{ REPLY_COALESCE_MS: "-1" }, /^REPLY_COALESCE_MS: /],
    [{ REPLY_COALESCE_MS: "2.5" }, /^REPLY_COALESCE_MS: expected a whole number of milliseconds/],
    [{ DEALERSHIP_TIMEZONE: "Mars/Olympus" }, /^DEALERSHIP_TIMEZONE: expected an IANA time zone/],
    [{ TWILIO_PHONE_NUMBER: "555-0100" }, /^TWILIO_PHONE_NUMBER: expected an E\.164 phone number/],
    [{ SLACK_HANDOFF_CHANNEL: "#sales" }, /^SLACK_HANDOFF_CHANNEL: expected a Slack channel id/],
    [{ DATABASE_URL: "", LOG_LEVEL: "loud" }, /^LOG_LEVEL: expected/],
    [
      { TWILIO_ACCOUNT_SID: TWILIO.TWILIO_ACCOUNT_SID },
      /^TWILIO_AUTH_TOKEN: expected a value, because Twilio is partly configured/,
    ],
    [{ ...TWILIO, PUBLIC_URL: "" }, /^PUBLIC_URL: expected the public https URL/],
    [{ SLACK_BOT_TOKEN: "xoxp-user-token" }, /^SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/],
    [{ SLACK_BOT_TOKEN: SLACK.SLACK_BOT_TOKEN }, /^SLACK_SIGNING_SECRET: expected a value/],
  ])("stops with one line naming the variable: %o", (env, pattern) => {
    const message = errorOf(env as Record<string, string>);
    expect(message).toMatch(pattern);
    expect(message).not.toContain("\n");
  });

  it("never prints a secret in its error", () => {
    const message = errorOf({ ...TWILIO, TWILIO_ACCOUNT_SID: "not-a-sid", SLACK_BOT_TOKEN: "xoxp-secret-user-token" });
    expect(message).not.toContain("super-secret-token-value");
    expect(message).not.toContain("not-a-sid");
    expect(message).not.toContain("xoxp-secret-user-token");
  });

  it("reads several rooftops from BATON_CONFIG and names a bad field", () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-config-"));
    writeFileSync(
      join(dir, "knowledge.json"),
      JSON.stringify({ name: "North Store", timezone: "America/Denver", address: "1 Main St" }),
    );
    writeFileSync(
      join(dir, "baton.json"),
      JSON.stringify({
        rooftops: [
          {
            id: "north",
            name: "North Store",
            timezone: "America/Denver",
            smsNumber: "+13035550100",
            knowledgeFile: "knowledge.json",
            slack: { handoffChannel: "C0NORTH0001" },
          },
          {
            id: "south",
            name: "South Store",
            timezone: "America/Chicago",
            smsNumber: "+15125550100",
            slack: { handoffChannel: "C0SOUTH0001", departmentChannels: { service: "C0SERVICE01" } },
          },
        ],
      }),
    );
    const config = loadConfig({ BATON_CONFIG: "baton.json", ...SLACK, SLACK_HANDOFF_CHANNEL: "" }, dir);
    expect(config.rooftops.map((r) => r.id)).toEqual(["north", "south"]);
    expect(config.rooftops[0]!.knowledge.address).toBe("1 Main St");
    expect(config.rooftops[1]!.slack?.departmentChannels.service).toBe("C0SERVICE01");

    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ rooftops: [{ id: "x", name: "X", timezone: "America/Chicago", smsNumber: "12345" }] }),
    );
    expect(errorOf({ BATON_CONFIG: join(dir, "bad.json") })).toMatch(
      /^BATON_CONFIG \(.*bad\.json\)\.rooftops\.0\.smsNumber: expected an E\.164/,
    );
  });
});
