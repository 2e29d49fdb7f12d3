import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { z } from "zod";
import { KnowledgeSchema, minimalKnowledge, type Knowledge } from "../core/knowledge/knowledge.js";
import { SANDBOX_DEALER_NUMBER, type Config, type Rooftop } from "./config.js";
import { ConfigError } from "./config-error.js";
import { EnvSchema, RooftopFileSchema, normaliseEnvironment, type Env } from "./schema.js";
import { followUpSettings, schedulerConfig } from "./follow-up-schema.js";
import { checkLeadsTokens, leadsSettings } from "./leads-config.js";
import { voiceSettings } from "./voice-config.js";
import { crmSettings, SANDBOX_CRM_ADDRESS, SANDBOX_CRM_WEBHOOK, smtpSettings } from "./crm-config.js";
import sampleKnowledge from "./samples/knowledge.sample.json" with { type: "json" };

/** Turns zod's first issue into one line: the variable, then what it expects. Never the value. */
function describeIssue(prefix: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
  return `${where}: expected ${issue.message}`;
}

function readJson(path: string, variable: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ConfigError(`${variable}: cannot read ${path} (expected a readable JSON file)`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${variable}: ${path} is not valid JSON (${(error as Error).message})`);
  }
}

export function loadKnowledge(path: string, variable: string): Knowledge {
  const parsed = KnowledgeSchema.safeParse(readJson(path, variable));
  if (!parsed.success) throw new ConfigError(describeIssue(`${variable} (${path})`, parsed.error));
  return parsed.data;
}

function requireAllOrNone(env: Env, keys: (keyof Env)[], what: string, optional: (keyof Env)[] = []): boolean {
  const set = keys.filter((k) => env[k] !== undefined);
  const anyOptional = optional.some((k) => env[k] !== undefined);
  if (set.length === 0 && !anyOptional) return false;
  const missing = keys.find((k) => env[k] === undefined);
  if (missing)
    throw new ConfigError(
      `${missing}: expected a value, because ${what} is partly configured (${keys.join(", ")} go together)`,
    );
  return true;
}

function rooftopsFromFile(env: Env, baseDir: string): Rooftop[] {
  const path = resolve(baseDir, env.BATON_CONFIG!);
  const parsed = RooftopFileSchema.safeParse(readJson(path, "BATON_CONFIG"));
  if (!parsed.success) throw new ConfigError(describeIssue(`BATON_CONFIG (${path})`, parsed.error));
  return parsed.data.rooftops.map((r) => ({
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    smsNumber: r.smsNumber,
    knowledge: r.knowledgeFile
      ? loadKnowledge(resolve(baseDir, r.knowledgeFile), `BATON_CONFIG rooftops.${r.id}.knowledgeFile`)
      : minimalKnowledge(r.name, r.timezone),
    slack: r.slack,
    teams: r.teams,
    followUps: followUpSettings(env, r.followUps),
    leads: leadsSettings(env, {
      leadsToken: r.leadsToken,
      adfImpliesSmsConsent: r.adfImpliesSmsConsent,
      leadSmsCountries: r.leadSmsCountries,
    }),
    crm: crmSettings(env, r.crm ?? {}, r.id),
    voice: voiceSettings(env, r, r.voice),
  }));
}

/** A store that names no zone anywhere. */
const DEFAULT_TIMEZONE = "America/New_York";

function rooftopFromEnv(env: Env, baseDir: string): Rooftop {
  const file = env.KNOWLEDGE_FILE ? loadKnowledge(resolve(baseDir, env.KNOWLEDGE_FILE), "KNOWLEDGE_FILE") : undefined;
  // One zone for the store: its hours (the AI), its schedule and its clock (the sandbox) agree.
  const timezone = env.DEALERSHIP_TIMEZONE ?? file?.timezone ?? DEFAULT_TIMEZONE;
  const knowledge = file ? { ...file, timezone } : minimalKnowledge(env.DEALERSHIP_NAME, timezone);
  const departmentChannels = Object.fromEntries(
    (
      [
        ["sales", env.SLACK_SALES_CHANNEL],
        ["service", env.SLACK_SERVICE_CHANNEL],
        ["parts", env.SLACK_PARTS_CHANNEL],
        ["finance", env.SLACK_FINANCE_CHANNEL],
      ] as const
    ).filter(([, channel]) => channel !== undefined),
  );
  return {
    id: "main",
    name: env.DEALERSHIP_NAME,
    timezone,
    smsNumber: env.TWILIO_PHONE_NUMBER,
    knowledge,
    followUps: followUpSettings(env),
    leads: leadsSettings(env),
    crm: crmSettings(env, undefined, "env"),
    voice: voiceSettings(env, { id: "env", smsNumber: env.TWILIO_PHONE_NUMBER }),
    slack: env.SLACK_HANDOFF_CHANNEL
      ? { handoffChannel: env.SLACK_HANDOFF_CHANNEL, managerChannel: env.SLACK_MANAGER_CHANNEL, departmentChannels }
      : undefined,
  };
}

/**
 * Single rooftop: where its cards go when Teams is on. STAFF_CHAT picks one chat for every
 * department; TEAMS_DEPARTMENTS sends only those to Teams; unset, Slack keeps the cards if it has
 * a channel, otherwise Teams takes them.
 */
function envRooftopTeams(env: Env, slackChannel: boolean): Rooftop["teams"] {
  if (env.STAFF_CHAT === "teams") return {};
  if (env.TEAMS_DEPARTMENTS) return { departments: env.TEAMS_DEPARTMENTS };
  if (env.STAFF_CHAT === "slack" || slackChannel) return undefined;
  return {};
}

/** An API override on this machine: a local test rig, not a real provider. */
function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Teams: the three credentials together, or TEAMS_EMULATOR=true for local testing without them.
 * The emulator takes unauthenticated requests (one could claim a real customer's conversation and
 * text them), so it is refused beside a real Twilio or Slack: only with none, or with their APIs
 * redirected to this machine (a test rig's fakes).
 */
function readTeams(env: Env, on: { twilio: boolean; slack: boolean }): Config["teams"] {
  const emulator = env.TEAMS_EMULATOR === "true";
  const withCredentials = requireAllOrNone(env, ["TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_TENANT_ID"], "Teams");
  if (withCredentials && emulator)
    throw new ConfigError(
      "TEAMS_EMULATOR: expected it unset, because TEAMS_APP_ID is set (the emulator mode skips token checks)",
    );
  const real =
    on.twilio && !isLoopback(env.TWILIO_API_URL)
      ? "Twilio"
      : on.slack && !isLoopback(env.SLACK_API_URL)
        ? "Slack"
        : undefined;
  if (emulator && real)
    throw new ConfigError(
      `TEAMS_EMULATOR: expected it unset, because ${real} is configured (the emulator accepts unauthenticated requests; it is for local testing only)`,
    );
  if (!withCredentials && !emulator) return undefined;
  return {
    appId: env.TEAMS_APP_ID ?? "",
    appPassword: env.TEAMS_APP_PASSWORD ?? "",
    tenantId: env.TEAMS_TENANT_ID ?? "",
    emulator,
  };
}

/** Every rooftop's cards must have a chat that is on. */
function checkStaffChats(env: Env, rooftops: Rooftop[], slackOn: boolean, teamsOn: boolean): void {
  const teamsVariables = "TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID";
  if (env.BATON_CONFIG !== undefined) {
    const extra = (["STAFF_CHAT", "TEAMS_DEPARTMENTS"] as const).find((k) => env[k] !== undefined);
    if (extra)
      throw new ConfigError(
        `${extra}: expected it unset with BATON_CONFIG (choose slack or teams per rooftop in that file)`,
      );
  }
  if (env.STAFF_CHAT === "slack" && !slackOn)
    throw new ConfigError(
      "STAFF_CHAT: expected teams, because Slack is off (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_HANDOFF_CHANNEL)",
    );
  if ((env.STAFF_CHAT === "teams" || env.TEAMS_DEPARTMENTS) && !teamsOn) {
    throw new ConfigError(
      `${env.STAFF_CHAT === "teams" ? "STAFF_CHAT" : "TEAMS_DEPARTMENTS"}: Teams is off; expected ${teamsVariables} (or TEAMS_EMULATOR=true for local testing)`,
    );
  }
  for (const r of rooftops) {
    if (r.teams && !teamsOn)
      throw new ConfigError(
        `BATON_CONFIG: rooftops.${r.id}.teams is set, but Teams is off; expected ${teamsVariables}`,
      );
    if (env.BATON_CONFIG !== undefined && r.teams && r.slack && !r.teams.departments) {
      throw new ConfigError(
        `BATON_CONFIG: expected rooftops.${r.id}.teams.departments (the departments that go to Teams), because this rooftop has slack too`,
      );
    }
  }
}

/** The sandbox stands in for Twilio and the staff chats, so it is never on beside a real one. */
function readSandbox(env: Env, integrationsOn: boolean): Config["sandbox"] {
  if (env.SANDBOX === "off") return undefined;
  if (integrationsOn) {
    if (env.SANDBOX === "on")
      throw new ConfigError(
        "SANDBOX: expected off or unset, because Twilio, Slack or Teams is configured (the sandbox only runs without them)",
      );
    return undefined;
  }
  return { allowRemote: env.SANDBOX === "on" };
}

/**
 * Reads and checks the whole configuration once. Throws ConfigError with one line naming the
 * variable and what it expects; secrets are never part of the message.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, baseDir = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(normaliseEnvironment(environment));
  if (!parsed.success) throw new ConfigError(describeIssue("", parsed.error));
  const env = parsed.data;

  const multiRooftop = env.BATON_CONFIG !== undefined;
  const twilioOn = requireAllOrNone(
    env,
    multiRooftop
      ? ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"]
      : ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER"],
    "Twilio",
    ["TWILIO_API_URL"],
  );
  const slackOn = requireAllOrNone(
    env,
    multiRooftop
      ? ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]
      : ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_HANDOFF_CHANNEL"],
    "Slack",
    ["SLACK_MANAGER_CHANNEL", "SLACK_API_URL"],
  );
  if (twilioOn && !env.PUBLIC_URL) {
    throw new ConfigError(
      "PUBLIC_URL: expected the public https URL Twilio calls (e.g. https://baton.example.com), needed to check X-Twilio-Signature",
    );
  }

  const teams = readTeams(env, { twilio: twilioOn, slack: slackOn });
  const rooftops = multiRooftop ? rooftopsFromFile(env, baseDir) : [rooftopFromEnv(env, baseDir)];
  if (!multiRooftop && teams) rooftops[0]!.teams = envRooftopTeams(env, rooftops[0]!.slack !== undefined);
  checkStaffChats(env, rooftops, slackOn, teams !== undefined);
  checkLeadsTokens(env, rooftops);
  const sandbox = readSandbox(env, twilioOn || slackOn || teams !== undefined);
  if (sandbox) for (const r of rooftops) r.smsNumber ??= SANDBOX_DEALER_NUMBER;
  // The sandbox's CRM pane shows the ADF each lead would be, and the webhook's events: nothing leaves the machine.
  if (sandbox)
    for (const r of rooftops)
      r.crm = {
        adfEmail: r.crm?.adfEmail ?? SANDBOX_CRM_ADDRESS,
        webhook: r.crm?.webhook ?? { url: SANDBOX_CRM_WEBHOOK, secret: randomBytes(32).toString("hex") },
      };
  const smtp = sandbox ? undefined : smtpSettings(env, rooftops);
  // A sandbox without a knowledge file gets the sample store's hours and stock, so there is something to ask about.
  if (sandbox && !multiRooftop && !env.KNOWLEDGE_FILE) {
    const r = rooftops[0]!;
    // The sample store is in Fort Worth: its zone, unless DEALERSHIP_TIMEZONE names another.
    r.timezone = env.DEALERSHIP_TIMEZONE ?? sampleKnowledge.timezone;
    r.knowledge = KnowledgeSchema.parse({ ...sampleKnowledge, name: r.name, timezone: r.timezone });
  }
  if (slackOn) {
    // A rooftop wholly on Teams needs no Slack channel.
    const missing = rooftops.find((r) => !r.slack && !(r.teams && !r.teams.departments));
    if (missing)
      throw new ConfigError(`BATON_CONFIG: expected rooftops.${missing.id}.slack.handoffChannel, because Slack is on`);
  }

  return {
    port: env.PORT,
    host: env.HOST,
    trustProxy: env.TRUST_PROXY,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ""),
    databaseUrl: env.DATABASE_URL,
    workers: workerCount(env, sandbox !== undefined),
    logLevel: env.LOG_LEVEL,
    answerConcurrency: env.ANSWER_CONCURRENCY,
    replyCoalesceMs: env.REPLY_COALESCE_MS,
    media: {
      urlTtlMs: env.MEDIA_URL_TTL * 1000,
      chatUrlTtlMs: env.MEDIA_CHAT_URL_TTL * 1000,
      retentionDays: env.MEDIA_RETENTION_DAYS,
      deleteAtProvider: env.MEDIA_DELETE_AT_PROVIDER === "on",
      urlSecret: env.MEDIA_URL_SECRET,
    },
    crm: { smtp, dedupeDays: env.CRM_DEDUPE_DAYS },
    rooftops,
    twilio: twilioOn
      ? { accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN!, apiUrl: env.TWILIO_API_URL }
      : undefined,
    slack: slackOn
      ? { botToken: env.SLACK_BOT_TOKEN!, signingSecret: env.SLACK_SIGNING_SECRET!, apiUrl: env.SLACK_API_URL }
      : undefined,
    teams,
    sandbox,
    scheduler: schedulerConfig(env),
    openai: env.OPENAI_API_KEY
      ? {
          apiKey: env.OPENAI_API_KEY,
          model: env.OPENAI_MODEL,
          baseURL: env.OPENAI_BASE_URL,
          timeoutMs: env.OPENAI_TIMEOUT_MS,
          breakerFailures: env.OPENAI_BREAKER_FAILURES,
          breakerCoolDownMs: env.OPENAI_BREAKER_COOLDOWN_MS,
        }
      : undefined,
  };
}

/**
 * How many processes serve the port: WORKERS, on PostgreSQL only (every replica-safe rule, leases
 * and atomic claims, already holds between processes). The embedded PGlite is one process's (a lock
 * file guards its directory) and the sandbox's page follows one process's feed: both need one.
 * One by default: each process is another ~300 MB, and on a 2-core machine shared with PostgreSQL
 * a second one measured no faster (test/bench/workers-drain.ts); it pays where Baton has cores of its own.
 */
function workerCount(env: Env, sandbox: boolean): number {
  const postgres = /^postgres(ql)?:\/\//i.test(env.DATABASE_URL ?? "");
  if (env.WORKERS === undefined) return 1;
  if (env.WORKERS > 1 && !postgres)
    throw new ConfigError(
      "WORKERS: expected 1 (or unset) with the embedded database: PGlite belongs to one process. Set DATABASE_URL to a PostgreSQL server to run several",
    );
  if (env.WORKERS > 1 && sandbox)
    throw new ConfigError("WORKERS: expected 1 (or unset) with the sandbox: its page follows one process");
  return env.WORKERS;
}
