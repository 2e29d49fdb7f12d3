import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { configErrorOf as errorOf } from "../../helpers/config-error-of.js";

const SLACK = {
  SLACK_BOT_TOKEN: "xoxb-secret-bot-token",
  SLACK_SIGNING_SECRET: "shh-signing",
  SLACK_HANDOFF_CHANNEL: "C0123456789",
};
const POSTGRES = "postgresql://baton:secret@db.example.com:5432/baton";

describe("WORKERS: Baton processes on one port", () => {
  it("is 1 unless set, and takes more only on PostgreSQL", () => {
    expect(loadConfig({ ...SLACK }).workers).toBe(1);
    expect(loadConfig({ ...SLACK, DATABASE_URL: POSTGRES }).workers).toBe(1);
    expect(loadConfig({ ...SLACK, DATABASE_URL: POSTGRES, WORKERS: "4" }).workers).toBe(4);
  });

  it("refuses several processes on the embedded database or with the sandbox, saying why", () => {
    expect(errorOf({ ...SLACK, WORKERS: "2" })).toMatch(/^WORKERS: expected 1 .*embedded database/);
    expect(errorOf({ DATABASE_URL: POSTGRES, WORKERS: "2" })).toMatch(/^WORKERS: expected 1 .*sandbox/);
    expect(errorOf({ ...SLACK, DATABASE_URL: POSTGRES, WORKERS: "0" })).toMatch(/^WORKERS: /);
  });
});
