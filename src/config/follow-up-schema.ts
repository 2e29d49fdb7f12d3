import { validate as isCronExpression } from "node-cron";
import { z } from "zod";
import {
  DEFAULT_FOLLOW_UP_SETTINGS,
  MAX_NUDGES_PER_SILENCE,
  parseClockTime,
  parseDuration,
  parseDurationList,
  parseSendingWindow,
  type FollowUpSettings,
} from "../core/follow-up/settings.js";

const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);
const isOff = (v: string) => ["off", "none", "false"].includes(v.trim().toLowerCase());

function parsed<T>(parse: (text: string) => T | undefined, expected: string) {
  return z.string().transform((text, ctx) => {
    const value = parse(text);
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: expected });
      return z.NEVER;
    }
    return value;
  });
}

const window = parsed(parseSendingWindow, "a local sending window like 08:00-21:00");
const rate = z.coerce.number().int("a whole number of texts per minute").min(1).max(4500);
const cadence = parsed(parseDurationList, "delays like 4h,1d,3d (s, m, h, d, w), or off").refine(
  (list) => list.length <= MAX_NUDGES_PER_SILENCE,
  `at most ${MAX_NUDGES_PER_SILENCE} nudges per silence, like 4h,1d,3d`,
);
const durationOrOff = parsed((t) => (isOff(t) ? null : parseDuration(t)), "a duration like 15m or 1h, or off");
const duration = parsed(parseDuration, "a duration like 5m");
const reminders = parsed(parseDurationList, "lead times like 24h,2h, or off");
const clockOrOff = parsed((t) => (isOff(t) ? null : parseClockTime(t)), "a local time like 18:00, or off");

/** Follow-up settings from the environment: the defaults of every rooftop. */
export const FollowUpEnvSchema = {
  SENDING_WINDOW: z.preprocess(blankIsUnset, window.optional()),
  SMS_RATE_PER_MINUTE: z.preprocess(blankIsUnset, rate.optional()),
  NUDGE_CADENCE: z.preprocess(blankIsUnset, cadence.optional()),
  REP_REPLY_REMINDER: z.preprocess(blankIsUnset, durationOrOff.optional()),
  APPOINTMENT_REMINDERS: z.preprocess(blankIsUnset, reminders.optional()),
  HANDOFF_CLAIM_TARGET: z.preprocess(blankIsUnset, duration.optional()),
  DIGEST_TIME: z.preprocess(blankIsUnset, clockOrOff.optional()),
  FRUSTRATION_THRESHOLD: z.preprocess(blankIsUnset, z.coerce.number().min(0).max(1).default(0.7)),
  SMS_KEYWORD_REPLIES: z.preprocess(
    blankIsUnset,
    z.enum(["provider", "baton"], "provider or baton").default("provider"),
  ),
  SCHEDULER_CRON: z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine((v) => isOff(v) || isCronExpression(v), "a cron expression like '* * * * *' (every minute), or off")
      .default("* * * * *"),
  ),
};

/** BATON_CONFIG rooftops.<id>.followUps: the same settings per rooftop, in the same words. */
export const RooftopFollowUpsSchema = z
  .object({
    sendingWindow: window.optional(),
    smsRatePerMinute: rate.optional(),
    nudgeCadence: cadence.optional(),
    repReplyReminder: durationOrOff.optional(),
    appointmentReminders: reminders.optional(),
    handoffClaimTarget: duration.optional(),
    digestTime: clockOrOff.optional(),
  })
  .strict();

type FollowUpEnv = { [K in keyof typeof FollowUpEnvSchema]: z.infer<(typeof FollowUpEnvSchema)[K]> };

/** A rooftop's settings: its own, else the environment's, else Baton's defaults. */
export function followUpSettings(
  env: Partial<FollowUpEnv>,
  own: z.infer<typeof RooftopFollowUpsSchema> = {},
): FollowUpSettings {
  const d = DEFAULT_FOLLOW_UP_SETTINGS;
  const pick = <T>(...values: (T | undefined)[]): T => values.find((v) => v !== undefined) as T;
  return {
    sendingWindow: pick(own.sendingWindow, env.SENDING_WINDOW, d.sendingWindow),
    smsRatePerMinute: pick(own.smsRatePerMinute, env.SMS_RATE_PER_MINUTE, d.smsRatePerMinute),
    nudgeCadenceMs: pick(own.nudgeCadence, env.NUDGE_CADENCE, d.nudgeCadenceMs),
    repReplyReminderMs: pick(own.repReplyReminder, env.REP_REPLY_REMINDER, d.repReplyReminderMs),
    appointmentRemindersMs: pick(own.appointmentReminders, env.APPOINTMENT_REMINDERS, d.appointmentRemindersMs),
    claimTargetMs: pick(own.handoffClaimTarget, env.HANDOFF_CLAIM_TARGET, d.claimTargetMs),
    digestMinute: pick(own.digestTime, env.DIGEST_TIME, d.digestMinute),
  };
}

/** Process-wide: how often this replica ticks, and who answers keywords. */
export interface SchedulerConfig {
  /** node-cron expression; null: this process runs no scheduled work. */
  cron: string | null;
  frustrationThreshold: number;
  keywordReplies: "provider" | "baton";
}

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = {
  cron: "* * * * *",
  frustrationThreshold: 0.7,
  keywordReplies: "provider",
};

export function schedulerConfig(
  env: Pick<FollowUpEnv, "SCHEDULER_CRON" | "FRUSTRATION_THRESHOLD" | "SMS_KEYWORD_REPLIES">,
): SchedulerConfig {
  return {
    cron: isOff(env.SCHEDULER_CRON) ? null : env.SCHEDULER_CRON,
    frustrationThreshold: env.FRUSTRATION_THRESHOLD,
    keywordReplies: env.SMS_KEYWORD_REPLIES,
  };
}
