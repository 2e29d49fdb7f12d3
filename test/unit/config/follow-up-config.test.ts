import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { configErrorOf as errorOf } from "../../helpers/config-error-of.js";
import { DEFAULT_FOLLOW_UP_SETTINGS } from "../../../src/core/follow-up/settings.js";

const H = 3_600_000;

describe("follow-up configuration", () => {
  it("defaults: 08:00–21:00, 30 texts a minute, nudges at 4h/1d/3d, 5-minute claim target, digest at 18:00, provider answers keywords", () => {
    const config = loadConfig({});
    expect(config.rooftops[0]!.followUps).toEqual(DEFAULT_FOLLOW_UP_SETTINGS);
    expect(config.scheduler).toEqual({ cron: "* * * * *", frustrationThreshold: 0.7, keywordReplies: "provider" });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      SENDING_WINDOW: "09:30-20:00",
      SMS_RATE_PER_MINUTE: "10",
      NUDGE_CADENCE: "2h, 2d",
      REP_REPLY_REMINDER: "off",
      APPOINTMENT_REMINDERS: "48h,1h",
      HANDOFF_CLAIM_TARGET: "10m",
      DIGEST_TIME: "off",
      FRUSTRATION_THRESHOLD: "0.5",
      SMS_KEYWORD_REPLIES: "baton",
      SCHEDULER_CRON: "off",
    });
    expect(config.rooftops[0]!.followUps).toEqual({
      sendingWindow: { startMinute: 570, endMinute: 1200 },
      smsRatePerMinute: 10,
      nudgeCadenceMs: [2 * H, 48 * H],
      repReplyReminderMs: null,
      appointmentRemindersMs: [48 * H, H],
      claimTargetMs: 10 * 60_000,
      digestMinute: null,
    });
    expect(config.scheduler).toEqual({ cron: null, frustrationThreshold: 0.5, keywordReplies: "baton" });
  });

  it("names the variable and what it expects", () => {
    expect(errorOf({ SENDING_WINDOW: "9-5" })).toBe("SENDING_WINDOW: expected a local sending window like 08:00-21:00");
    expect(errorOf({ SENDING_WINDOW: "21:00-08:00" })).toBe(
      "SENDING_WINDOW: expected a local sending window like 08:00-21:00",
    );
    expect(errorOf({ NUDGE_CADENCE: "4h,1d,3d,1w" })).toBe(
      "NUDGE_CADENCE: expected at most 3 nudges per silence, like 4h,1d,3d",
    );
    expect(errorOf({ NUDGE_CADENCE: "soon" })).toMatch(/^NUDGE_CADENCE: expected delays like 4h,1d,3d/);
    expect(errorOf({ SMS_RATE_PER_MINUTE: "0" })).toMatch(/^SMS_RATE_PER_MINUTE: expected/);
    expect(errorOf({ DIGEST_TIME: "6pm" })).toBe("DIGEST_TIME: expected a local time like 18:00, or off");
    expect(errorOf({ SMS_KEYWORD_REPLIES: "twilio" })).toBe("SMS_KEYWORD_REPLIES: expected provider or baton");
    expect(errorOf({ SCHEDULER_CRON: "every minute" })).toMatch(/^SCHEDULER_CRON: expected a cron expression/);
  });

  it("lets each rooftop of BATON_CONFIG have its own window and pace, the environment's values elsewhere", () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-follow-ups-"));
    const file = join(dir, "rooftops.json");
    writeFileSync(
      file,
      JSON.stringify({
        rooftops: [
          {
            id: "north",
            name: "North",
            timezone: "America/Chicago",
            smsNumber: "+15125550101",
            followUps: { sendingWindow: "09:00-20:00", smsRatePerMinute: 5, digestTime: "17:30" },
          },
          { id: "south", name: "South", timezone: "America/Denver", smsNumber: "+15125550102" },
        ],
      }),
    );
    const config = loadConfig({ BATON_CONFIG: file, NUDGE_CADENCE: "1d" });
    expect(config.rooftops[0]!.followUps).toMatchObject({
      sendingWindow: { startMinute: 540, endMinute: 1200 },
      smsRatePerMinute: 5,
      digestMinute: 1050,
      nudgeCadenceMs: [24 * H],
    });
    expect(config.rooftops[1]!.followUps).toMatchObject({
      sendingWindow: DEFAULT_FOLLOW_UP_SETTINGS.sendingWindow,
      nudgeCadenceMs: [24 * H],
    });

    writeFileSync(
      file,
      JSON.stringify({
        rooftops: [
          {
            id: "x",
            name: "X",
            timezone: "America/Chicago",
            smsNumber: "+15125550101",
            followUps: { sendingWindow: "late" },
          },
        ],
      }),
    );
    expect(errorOf({ BATON_CONFIG: file })).toMatch(
      /rooftops\.0\.followUps\.sendingWindow: expected a local sending window/,
    );
  });
});
