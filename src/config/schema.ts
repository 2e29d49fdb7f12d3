import { z } from "zod";
import { DEPARTMENTS, type Department } from "../core/ports/brain.js";
import { FollowUpEnvSchema, RooftopFollowUpsSchema } from "./follow-up-schema.js";
import { LeadsEnvSchema, RooftopLeadsSchema } from "./leads-config.js";
import { CrmEnvSchema, RooftopCrmSchema } from "./crm-config.js";
import { RooftopVoiceSchema, VoiceEnvSchema } from "./voice-config.js";

/** Optional text: an empty value in .env means "not set", as people expect from `FOO=`. */
/**
 * The environment as an installer meant it, for every variable, here in one place:
 * - set to nothing (`DEALERSHIP_NAME=` in a copied .env.example, `-e VAR=` in Docker) means unset, so its default applies;
 * - quotes around a whole value are the file's, not the value's: `docker run --env-file` keeps
 *   them (`SCHEDULER_CRON="* * * * *"` arrives with its quotes) where a shell or Node would not.
 */
export function normaliseEnvironment(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(environment)
      .map(([name, value]) => [name, value === undefined ? value : unquote(value)] as const)
      .filter(([, value]) => value === undefined || value.trim() !== ""),
  );
}

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^"(.*)"$/s.exec(trimmed) ?? /^'(.*)'$/s.exec(trimmed);
  return quoted ? quoted[1]! : value;
}

const optionalText = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).optional());
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "an E.164 phone number like +15551234567");
const url = z.url({ message: "a URL like https://baton.example.com" });
const slackChannelId = z
  .string()
  .regex(/^[CGD][A-Z0-9]{6,}$/, "a Slack channel id like C0123456789 (channel details → About)");

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
const ianaZone = z.string().refine(isIanaZone, "an IANA time zone like America/Chicago");
const guid = (what: string) => z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, what);
/** "service, parts" → ["service", "parts"]: the departments a rooftop sends to Teams. */
const departmentList = z.string().transform((value, ctx) => {
  const list = value
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  if (list.length === 0 || list.some((d) => !(DEPARTMENTS as readonly string[]).includes(d))) {
    ctx.addIssue({ code: "custom", message: `a comma-separated list of departments (${DEPARTMENTS.join(", ")})` });
    return z.NEVER;
  }
  return list as Department[];
});

/** The environment Baton reads. Every key is documented in .env.example. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  TRUST_PROXY: optionalText,
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(8000),
  PUBLIC_URL: z.preprocess((v) => (v === "" ? undefined : v), url.optional()),
  DATABASE_URL: optionalText,
  // Processes serving one port (Node's cluster), on PostgreSQL only; default 1.
  WORKERS: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int("a whole number of processes").min(1).max(64).optional(),
  ),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ANSWER_CONCURRENCY: z.coerce.number().int("a whole number of texts").min(1).max(1000).default(16),
  REPLY_COALESCE_MS: z.coerce.number().int("a whole number of milliseconds").min(0).max(60_000).default(3000),

  /** How long a signed media link works, in seconds (Twilio fetches an outbound MMS within it; Teams shows it). */
  MEDIA_URL_TTL: z.coerce
    .number()
    .int("a whole number of seconds")
    .min(60)
    .max(7 * 24 * 3600)
    .default(3600),
  /** Links a staff chat shows (Teams' pictures): a rep reads a thread the next day, so longer than the provider's. */
  MEDIA_CHAT_URL_TTL: z.coerce
    .number()
    .int("a whole number of seconds")
    .min(60)
    .max(90 * 24 * 3600)
    .default(7 * 24 * 3600),
  MEDIA_RETENTION_DAYS: z.coerce.number().int("a whole number of days").min(1).max(3650).default(90),
  MEDIA_DELETE_AT_PROVIDER: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["on", "off"], "on or off").default("on"),
  ),
  /** Signs media links; unset, Baton makes one and keeps it in the database for every replica. */
  MEDIA_URL_SECRET: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(32, "at least 32 characters (e.g. openssl rand -hex 32)").optional(),
  ),

  DEALERSHIP_NAME: z.string().trim().min(1).default("Baton Demo Motors"),
  /** Unset: the knowledge file's zone, else America/New_York (see rooftopFromEnv). */
  DEALERSHIP_TIMEZONE: ianaZone.optional(),
  KNOWLEDGE_FILE: optionalText,
  BATON_CONFIG: optionalText,

  TWILIO_ACCOUNT_SID: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, "an Account SID starting with AC (Twilio Console → Account info)")
      .optional(),
  ),
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_PHONE_NUMBER: z.preprocess((v) => (v === "" ? undefined : v), e164.optional()),
  TWILIO_API_URL: z.preprocess((v) => (v === "" ? undefined : v), url.optional()),

  SLACK_BOT_TOKEN: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().startsWith("xoxb-", "a bot token starting with xoxb- (Slack app → OAuth & Permissions)").optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_HANDOFF_CHANNEL: z.preprocess((v) => (v === "" ? undefined : v), slackChannelId.optional()),
  SLACK_MANAGER_CHANNEL: z.preprocess((v) => (v === "" ? undefined : v), slackChannelId.optional()),
  SLACK_SALES_CHANNEL: z.preprocess((v) => (v === "" ? undefined : v), slackChannelId.optional()),
  SLACK_SERVICE_CHANNEL: z.preprocess((v) => (v === "" ? undefined : v), slackChannelId.optional()),
  SLACK_PARTS_CHANNEL: z.preprocess((v) => (v === "" ? undefined : v), slackChannelId.optional()),
  SLACK_FINANCE_CHANNEL: z.preprocess((v) => (v === "" ? undefined : v), slackChannelId.optional()),
  SLACK_API_URL: z.preprocess((v) => (v === "" ? undefined : v), url.optional()),

  TEAMS_APP_ID: z.preprocess(
    (v) => (v === "" ? undefined : v),
    guid("the Microsoft App ID of the Azure Bot, a GUID (Azure Bot → Configuration)").optional(),
  ),
  TEAMS_APP_PASSWORD: optionalText,
  TEAMS_TENANT_ID: z.preprocess(
    (v) => (v === "" ? undefined : v),
    guid("the Directory (tenant) ID, a GUID (Microsoft Entra ID → Overview)").optional(),
  ),
  TEAMS_EMULATOR: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["true", "false"], "true or false").optional(),
  ),
  STAFF_CHAT: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["slack", "teams"], "slack or teams").optional()),
  TEAMS_DEPARTMENTS: z.preprocess((v) => (v === "" ? undefined : v), departmentList.optional()),

  /** The browser sandbox (GET /sandbox): unset = on when no Twilio/Slack/Teams, loopback only; on = also other machines; off = never. */
  SANDBOX: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .enum(["on", "off"], "on or off (unset: on for this machine only when no Twilio, Slack or Teams is configured)")
      .optional(),
  ),

  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), url.optional()),
  OPENAI_MODEL: z.string().trim().min(1).default("gpt-4.1-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  OPENAI_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  OPENAI_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),

  // Follow-ups, quiet hours and escalations (see follow-up-schema.ts).
  ...FollowUpEnvSchema,

  // Web and ADF leads (see leads-config.ts).
  ...LeadsEnvSchema,

  // The CRM: ADF lead e-mails and the signed webhook (see crm-config.ts).
  ...CrmEnvSchema,

  // Calls to the texting number: forwarding, missed-call text-back, voicemail (see voice-config.ts).
  ...VoiceEnvSchema,
});
export type Env = z.infer<typeof EnvSchema>;

const channelsByDepartment = z.partialRecord(z.enum(DEPARTMENTS), slackChannelId);

/** BATON_CONFIG: a JSON file for a group with several rooftops. */
export const RooftopFileSchema = z.object({
  rooftops: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, "a short id like maple-ridge (lower case, digits, dashes)"),
        name: z.string().min(1),
        timezone: ianaZone,
        smsNumber: e164,
        knowledgeFile: z.string().optional(),
        slack: z
          .object({
            handoffChannel: slackChannelId,
            managerChannel: slackChannelId.optional(),
            departmentChannels: channelsByDepartment.default({}),
          })
          .optional(),
        // Present: this rooftop uses Teams; `departments` limits it to those (the rest go to Slack).
        teams: z.object({ departments: z.array(z.enum(DEPARTMENTS)).min(1).optional() }).optional(),
        // Sending window, pace, cadences and targets for this rooftop; unset keys use the environment's.
        followUps: RooftopFollowUpsSchema.optional(),
        // Web and ADF leads for this rooftop: its own token, and whether its ADF providers collect SMS consent.
        ...RooftopLeadsSchema,
        // Where this rooftop's leads (ADF by e-mail) and events (the signed webhook) go.
        crm: RooftopCrmSchema.optional(),
        // Calls to this rooftop's number: its own line to ring, ring time and voicemail.
        voice: RooftopVoiceSchema.optional(),
      }),
    )
    .min(1),
});
export type RooftopFile = z.infer<typeof RooftopFileSchema>;
