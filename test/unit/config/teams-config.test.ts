import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { configErrorOf as errorOf } from "../../helpers/config-error-of.js";

const TEAMS = {
  TEAMS_APP_ID: "3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b",
  TEAMS_APP_PASSWORD: "very-secret-client-secret",
  TEAMS_TENANT_ID: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
};
const SLACK = {
  SLACK_BOT_TOKEN: "xoxb-secret-bot-token",
  SLACK_SIGNING_SECRET: "shh-signing",
  SLACK_HANDOFF_CHANNEL: "C0123456789",
};

function rooftopsFile(rooftops: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), "baton-teams-config-"));
  writeFileSync(join(dir, "rooftops.json"), JSON.stringify({ rooftops }));
  return dir;
}
const store = (id: string, extra: object) => ({
  id,
  name: id,
  timezone: "America/Chicago",
  smsNumber: "+15125550100",
  ...extra,
});

describe("Teams configuration", () => {
  it("turns Teams on with its three credentials; the single rooftop uses it when Slack is off", () => {
    const config = loadConfig(TEAMS);
    expect(config.teams).toEqual({
      appId: TEAMS.TEAMS_APP_ID,
      appPassword: TEAMS.TEAMS_APP_PASSWORD,
      tenantId: TEAMS.TEAMS_TENANT_ID,
      emulator: false,
    });
    expect(config.rooftops[0]!.teams).toEqual({});
  });

  it("keeps Slack when both are on, unless STAFF_CHAT or TEAMS_DEPARTMENTS say otherwise", () => {
    expect(loadConfig({ ...TEAMS, ...SLACK }).rooftops[0]!.teams).toBeUndefined();
    expect(loadConfig({ ...TEAMS, ...SLACK, STAFF_CHAT: "teams" }).rooftops[0]!.teams).toEqual({});
    expect(loadConfig({ ...TEAMS, ...SLACK, TEAMS_DEPARTMENTS: "service, parts" }).rooftops[0]!.teams).toEqual({
      departments: ["service", "parts"],
    });
  });

  it("runs without credentials only when TEAMS_EMULATOR=true says so", () => {
    expect(loadConfig({}).teams).toBeUndefined();
    expect(loadConfig({ TEAMS_EMULATOR: "true" }).teams).toMatchObject({ appId: "", emulator: true });
  });

  it("refuses the emulator (unauthenticated requests) beside a real Twilio or Slack; a local test rig's fakes are fine", () => {
    const twilio = {
      TWILIO_ACCOUNT_SID: "AC" + "a".repeat(32),
      TWILIO_AUTH_TOKEN: "super-secret-token-value",
      TWILIO_PHONE_NUMBER: "+15125550100",
      PUBLIC_URL: "https://baton.example.com",
    };
    expect(errorOf({ ...twilio, TEAMS_EMULATOR: "true" })).toMatch(
      /^TEAMS_EMULATOR: expected it unset, because Twilio is configured/,
    );
    expect(
      errorOf({
        SLACK_BOT_TOKEN: "xoxb-secret",
        SLACK_SIGNING_SECRET: "shh",
        SLACK_HANDOFF_CHANNEL: "C0123456789",
        TEAMS_EMULATOR: "true",
      }),
    ).toMatch(/because Slack is configured/);
    expect(
      loadConfig({ ...twilio, TWILIO_API_URL: "http://127.0.0.1:4010", TEAMS_EMULATOR: "true" }).teams,
    ).toMatchObject({ emulator: true });
  });

  it.each([
    [{ TEAMS_APP_ID: TEAMS.TEAMS_APP_ID }, /^TEAMS_APP_PASSWORD: expected a value, because Teams is partly configured/],
    [{ ...TEAMS, TEAMS_APP_ID: "baton-bot" }, /^TEAMS_APP_ID: expected the Microsoft App ID of the Azure Bot, a GUID/],
    [{ ...TEAMS, TEAMS_EMULATOR: "true" }, /^TEAMS_EMULATOR: expected it unset, because TEAMS_APP_ID is set/],
    [
      { STAFF_CHAT: "teams" },
      /^STAFF_CHAT: Teams is off; expected TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID/,
    ],
    [{ ...TEAMS, STAFF_CHAT: "slack" }, /^STAFF_CHAT: expected teams, because Slack is off/],
    [
      { ...TEAMS, TEAMS_DEPARTMENTS: "sales,bodyshop" },
      /^TEAMS_DEPARTMENTS: expected a comma-separated list of departments/,
    ],
  ])("stops with one line naming the variable, never the secret: %o", (env, pattern) => {
    const message = errorOf(env as Record<string, string>);
    expect(message).toMatch(pattern);
    expect(message).not.toContain(TEAMS.TEAMS_APP_PASSWORD);
    expect(message.split("\n")).toHaveLength(1);
  });

  it("lets BATON_CONFIG put rooftops on Slack, on Teams, or split by department", () => {
    const dir = rooftopsFile([
      store("slack-store", { slack: { handoffChannel: "C0SLACK0001" } }),
      store("teams-store", { smsNumber: "+15125550101", teams: {} }),
      store("split-store", {
        smsNumber: "+15125550102",
        slack: { handoffChannel: "C0SPLIT0001" },
        teams: { departments: ["service"] },
      }),
    ]);
    const config = loadConfig({ ...TEAMS, ...SLACK, SLACK_HANDOFF_CHANNEL: "", BATON_CONFIG: "rooftops.json" }, dir);
    expect(config.rooftops.map((r) => [r.id, r.teams])).toEqual([
      ["slack-store", undefined],
      ["teams-store", {}],
      ["split-store", { departments: ["service"] }],
    ]);
  });

  it("refuses a rooftop on Teams when Teams is off, and a rooftop on both without saying which departments go where", () => {
    expect(errorOf({ BATON_CONFIG: "rooftops.json" }, rooftopsFile([store("a", { teams: {} })]))).toMatch(
      /^BATON_CONFIG: rooftops\.a\.teams is set, but Teams is off/,
    );
    const both = rooftopsFile([store("a", { slack: { handoffChannel: "C0SLACK0001" }, teams: {} })]);
    expect(errorOf({ ...TEAMS, ...SLACK, SLACK_HANDOFF_CHANNEL: "", BATON_CONFIG: "rooftops.json" }, both)).toMatch(
      /^BATON_CONFIG: expected rooftops\.a\.teams\.departments/,
    );
    expect(
      errorOf(
        { ...TEAMS, STAFF_CHAT: "teams", BATON_CONFIG: "rooftops.json" },
        rooftopsFile([store("a", { teams: {} })]),
      ),
    ).toMatch(/^STAFF_CHAT: expected it unset with BATON_CONFIG/);
  });
});
