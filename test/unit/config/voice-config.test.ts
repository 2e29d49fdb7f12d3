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

describe("the voice settings (missed-call text-back)", () => {
  it("defaults: a text-only number, 20 s of ringing if a line is set, no voicemail, one text-back a day", () => {
    expect(loadConfig({ ...SLACK }).rooftops[0]!.voice).toEqual({
      forwardTo: undefined,
      ringSeconds: 20,
      voicemail: "off",
      textBackCooldownMs: 24 * 3600_000,
    });
  });

  it("one store: its line, ring time, voicemail and cooldown", () => {
    const config = loadConfig({
      ...SLACK,
      VOICE_FORWARD_TO: "+15125550199",
      VOICE_RING_SECONDS: "30",
      VOICE_VOICEMAIL: "transcribe",
      VOICE_TEXTBACK_COOLDOWN: "90m",
    });
    expect(config.rooftops[0]!.voice).toEqual({
      forwardTo: "+15125550199",
      ringSeconds: 30,
      voicemail: "transcribe",
      textBackCooldownMs: 90 * 60_000,
    });
  });

  it("says which setting is wrong and what it expects", () => {
    expect(errorOf({ ...SLACK, VOICE_FORWARD_TO: "512-555-0199" })).toMatch(/^VOICE_FORWARD_TO: .*E\.164/);
    expect(errorOf({ ...SLACK, VOICE_RING_SECONDS: "2" })).toMatch(/^VOICE_RING_SECONDS: .*at least 5 seconds/);
    expect(errorOf({ ...SLACK, VOICE_VOICEMAIL: "yes" })).toMatch(/^VOICE_VOICEMAIL: .*off, on, or transcribe/);
    const twilio = {
      TWILIO_ACCOUNT_SID: `AC${"0".repeat(32)}`,
      TWILIO_AUTH_TOKEN: "twilio-token",
      TWILIO_PHONE_NUMBER: "+15125550100",
      PUBLIC_URL: "https://baton.example.com",
    };
    expect(errorOf({ ...SLACK, ...twilio, VOICE_FORWARD_TO: "+15125550100" })).toMatch(
      /^VOICE_FORWARD_TO: expected the store's own line, not the texting number/,
    );
    expect(errorOf({ ...SLACK, VOICE_TEXTBACK_COOLDOWN: "1 day" })).toMatch(
      /^VOICE_TEXTBACK_COOLDOWN: .*a duration like 24h/,
    );
  });

  it("per rooftop in BATON_CONFIG: each store its own line; unset keys use the environment's", () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-voice-"));
    const file = join(dir, "rooftops.json");
    /** A BATON_CONFIG file with these rooftops' voice blocks (a rooftop is north, south… in order). */
    const withVoice = (...voices: (Record<string, unknown> | undefined)[]) => {
      const rooftops = voices.map((voice, i) => ({
        id: ["north", "south"][i],
        name: ["North", "South"][i],
        timezone: "America/Chicago",
        smsNumber: `+151255501${i}0`,
        slack: { handoffChannel: "C0123456789" },
        ...(voice ? { voice } : {}),
      }));
      writeFileSync(file, JSON.stringify({ rooftops }));
      return file;
    };
    try {
      const config = loadConfig({
        ...SLACK,
        BATON_CONFIG: withVoice({ forwardTo: "+15125550111", voicemail: "on" }, undefined),
        VOICE_RING_SECONDS: "15",
      });
      expect(config.rooftops.map((r) => r.voice)).toEqual([
        { forwardTo: "+15125550111", ringSeconds: 15, voicemail: "on", textBackCooldownMs: 24 * 3600_000 },
        { forwardTo: undefined, ringSeconds: 15, voicemail: "off", textBackCooldownMs: 24 * 3600_000 },
      ]);
      expect(errorOf({ ...SLACK, BATON_CONFIG: withVoice({ ringSeconds: 90 }) })).toMatch(
        /rooftops\.0\.voice\.ringSeconds.*at most 60 seconds/,
      );
      expect(errorOf({ ...SLACK, BATON_CONFIG: withVoice({ forwardTo: "+15125550100" }) })).toMatch(
        /^BATON_CONFIG: rooftops\.north\.voice\.forwardTo: expected the store's own line/,
      );
      // One line for every store is not what a group means: each rooftop names its own.
      expect(errorOf({ ...SLACK, BATON_CONFIG: withVoice(undefined), VOICE_FORWARD_TO: "+15125550111" })).toMatch(
        /^VOICE_FORWARD_TO: expected it unset with BATON_CONFIG/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
