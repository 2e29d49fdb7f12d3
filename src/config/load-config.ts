import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { z } from "zod";
import { KnowledgeSchema, minimalKnowledge, type Knowledge } from "../core/knowledge/knowledge.js";
import type { Config, Rooftop } from "./config.js";
import { ConfigError } from "./config-error.js";
import { EnvSchema, RooftopFileSchema, type Env } from "./schema.js";

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
  if (missing) throw new ConfigError(`${missing}: expected a value, because ${what} is partly configured (${keys.join(", ")} go together)`);
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
  }));
}

function rooftopFromEnv(env: Env, baseDir: string): Rooftop {
  const knowledge = env.KNOWLEDGE_FILE
    ? loadKnowledge(resolve(baseDir, env.KNOWLEDGE_FILE), "KNOWLEDGE_FILE")
    : minimalKnowledge(env.DEALERSHIP_NAME, env.DEALERSHIP_TIMEZONE);
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
    timezone: env.DEALERSHIP_TIMEZONE,
    smsNumber: env.TWILIO_PHONE_NUMBER,
    knowledge,
    slack: env.SLACK_HANDOFF_CHANNEL
      ? { handoffChannel: env.SLACK_HANDOFF_CHANNEL, managerChannel: env.SLACK_MANAGER_CHANNEL, departmentChannels }
      : undefined,
  };
}

/**
 * Reads and checks the whole configuration once. Throws ConfigError with one line naming the
 * variable and what it expects; secrets are never part of the message.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, baseDir = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(environment);
  if (!parsed.success) throw new ConfigError(describeIssue("", parsed.error));
  const env = parsed.data;

  const multiRooftop = env.BATON_CONFIG !== undefined;
  const twilioOn = requireAllOrNone(
    env,
    multiRooftop ? ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"] : ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER"],
    "Twilio",
    ["TWILIO_API_URL"],
  );
  const slackOn = requireAllOrNone(
    env,
    multiRooftop ? ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] : ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_HANDOFF_CHANNEL"],
    "Slack",
    ["SLACK_MANAGER_CHANNEL", "SLACK_API_URL"],
  );
  if (twilioOn && !env.PUBLIC_URL) {
    throw new ConfigError("PUBLIC_URL: expected the public https URL Twilio calls (e.g. https://baton.example.com), needed to check X-Twilio-Signature");
  }

  const rooftops = multiRooftop ? rooftopsFromFile(env, baseDir) : [rooftopFromEnv(env, baseDir)];
  if (slackOn) {
    const missing = rooftops.find((r) => !r.slack);
    if (missing) throw new ConfigError(`BATON_CONFIG: expected rooftops.${missing.id}.slack.handoffChannel, because Slack is on`);
  }

  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ""),
    databaseUrl: env.DATABASE_URL,
    logLevel: env.LOG_LEVEL,
    rooftops,
    twilio: twilioOn ? { accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN!, apiUrl: env.TWILIO_API_URL } : undefined,
    slack: slackOn ? { botToken: env.SLACK_BOT_TOKEN!, signingSecret: env.SLACK_SIGNING_SECRET!, apiUrl: env.SLACK_API_URL } : undefined,
    openai: env.OPENAI_API_KEY
      ? { apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL, baseURL: env.OPENAI_BASE_URL, timeoutMs: env.OPENAI_TIMEOUT_MS }
      : undefined,
  };
}
