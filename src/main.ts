import cluster from "node:cluster";
import { createServer } from "node:net";
import { maskPhone } from "./core/compliance/mask-phone.js";
import type { Logger } from "./core/ports/logger.js";
import { buildBaton } from "./app.js";
import { TWILIO_CONNECTION_OVERRIDES } from "./adapters/sms/twilio/connection-overrides.js";
import { ConfigError } from "./config/config-error.js";
import { loadConfig } from "./config/load-config.js";
import { loadDotEnv } from "./config/load-dotenv.js";
import type { Config } from "./config/config.js";
import { createLogger } from "./runtime/create-logger.js";

/** An endpoint override as it may be printed: a user:password in it stays out of the log. */
function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = parsed.password = "";
  return parsed.toString();
}

/** What is on and what is off, in words an IT person can act on. */
function describeIntegrations(config: Config, database: string): string[] {
  return [
    `Database: ${database}`,
    config.twilio
      ? `SMS (Twilio): on${config.twilio.apiUrl ? ` via ${withoutCredentials(config.twilio.apiUrl)}` : ""}, numbers ${config.rooftops.map((r) => r.smsNumber).join(", ")}. Point the number's "A message comes in" webhook to ${config.publicUrl}/twilio/sms${TWILIO_CONNECTION_OVERRIDES}`
      : "SMS (Twilio): off. Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER and PUBLIC_URL to text customers (README section: 2. Twilio).",
    config.slack
      ? `Staff chat (Slack): on, events and buttons at ${config.publicUrl ?? "<PUBLIC_URL>"}/slack/events`
      : `Staff chat (Slack): off${config.teams ? "" : config.sandbox ? "; handoffs go to the sandbox page" : "; handoffs are only logged"}. Set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_HANDOFF_CHANNEL (README section: 1. Slack).`,
    config.teams
      ? `Staff chat (Teams): on${config.teams.emulator ? " in EMULATOR mode: requests are not authenticated, for local testing only" : ""}, Bot Framework messages at ${config.publicUrl ?? "<PUBLIC_URL>"}/api/messages; rooftops on Teams: ${
          config.rooftops
            .filter((r) => r.teams)
            .map((r) => r.id)
            .join(", ") || "none (set STAFF_CHAT=teams)"
        }`
      : "Staff chat (Teams): off. Set TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID (README section: Connect Microsoft Teams).",
    config.scheduler?.cron === null
      ? "Follow-ups: this process runs no scheduled work (SCHEDULER_CRON=off); another replica must."
      : `Follow-ups: nudges, reminders, escalations and the digest run on "${config.scheduler?.cron ?? "* * * * *"}" (SCHEDULER_CRON); automated texts only inside each rooftop's sending window.`,
    config.twilio
      ? `Calls: point each number's "A call comes in" webhook to ${config.publicUrl}/twilio/voice; ${config.rooftops
          .map(
            (r) =>
              `${r.id} ${r.voice?.forwardTo ? `rings ${maskPhone(r.voice.forwardTo)} for ${r.voice.ringSeconds} s` : "is text-only"}`,
          )
          .join(", ")}; missed calls are texted back (README: Missed-call text-back).`
      : config.sandbox
        ? "Calls: the sandbox phone's Call button plays a missed call and its text-back."
        : "Calls: off with SMS.",
    config.sandbox
      ? "CRM: the sandbox page's CRM pane shows each ADF lead and webhook event it would send; nothing leaves the machine."
      : config.rooftops.some((r) => r.crm)
        ? `CRM: ${config.rooftops
            .filter((r) => r.crm)
            .map(
              (r) =>
                `${r.id} ${[r.crm?.adfEmail && "ADF by e-mail", r.crm?.webhook && "signed webhook"].filter(Boolean).join(" and ")}`,
            )
            .join(", ")}`
        : "CRM: off. Set CRM_ADF_EMAIL (with SMTP_URL) or CRM_WEBHOOK_URL to send leads to your CRM (README section: 6. Send leads to your CRM).",
    config.rooftops.some((r) => r.leads)
      ? `Leads: web forms at ${config.publicUrl ?? "<PUBLIC_URL>"}/leads/form and ADF at /leads/adf, for ${config.rooftops
          .filter((r) => r.leads)
          .map((r) => r.id)
          .join(", ")}`
      : "Leads: off. Set LEADS_TOKEN to take web-form and ADF leads (README section: 5. Leads from your website and lead providers).",
    config.openai
      ? `Brain: OpenAI (${config.openai.model}) over Baton's own brain (its handoffs stand, it answers when the model cannot), ${config.openai.timeoutMs} ms budget, guardrails on`
      : "Brain: local (no network), guardrails on. Set OPENAI_API_KEY to use OpenAI.",
  ];
}

async function main(): Promise<void> {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Baton cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (cluster.isPrimary) await checkPortFree(config.port, config.host);
  if (config.workers > 1 && cluster.isPrimary) return runWorkers(config.workers, config.port, logger);
  const baton = await buildBaton(config, { logger, startScheduler: true });
  await baton.listen(config.port, config.host);
  // With WORKERS, each process listens on the same port (the cluster shares it); the first one says so.
  if (cluster.isWorker && cluster.worker?.id !== 1) return stopOnSignal(baton, logger);
  logger.info({}, `Baton is listening on http://localhost:${config.port} (health: /healthz)`);
  for (const line of describeIntegrations(config, baton.database.description)) logger.info({}, line);
  if (config.workers > 1)
    logger.info({}, `Processes: ${config.workers} (WORKERS) serve port ${config.port}, sharing the database.`);
  if (config.sandbox) {
    logger.info(
      {},
      `Sandbox: open http://localhost:${config.port}/sandbox to text Baton as a customer and answer as the staff, in your browser. Simulated phones and channel: nothing reaches a real phone or Slack. (SANDBOX=off turns it off.)`,
    );
    if (config.sandbox.allowRemote) {
      logger.warn(
        {},
        "SANDBOX=on: the sandbox answers EVERY machine that can reach this port, with no login. Only on a private network; never on a public address.",
      );
    }
  }

  stopOnSignal(baton, logger);
}

/**
 * A port already taken is said at once, before the database is opened and migrated (seconds on a
 * fresh install). The real listen still reports one taken in between.
 */
async function checkPortFree(port: number, host: string | undefined): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`port ${port} is in use; set PORT to a free one`) : error),
    );
    probe.listen(port, host ?? "0.0.0.0", () => probe.close(() => resolve()));
  });
}

/** SIGTERM or SIGINT: finish the texts in progress, close, exit. */
function stopOnSignal(baton: { close(): Promise<void> }, logger: Logger): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: finishing texts in progress");
    await baton.close();
    logger.info({ signal }, "stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/** A process that dies this soon after starting, this many times in a row, is not restarted again. */
const CRASH_LOOP = { withinMs: 30_000, times: 5 };

/**
 * WORKERS > 1: this process serves nothing itself. It starts the Baton processes (Node's cluster:
 * they share the port), starts another when one dies, and stops them all on SIGTERM, each
 * finishing its texts in progress. What one process starts, leases and atomic claims keep single.
 */
function runWorkers(count: number, port: number, logger: Logger): void {
  logger.info({ workers: count }, `starting ${count} Baton processes on port ${port} (WORKERS)`);
  let stopping = false;
  let quickExits = 0;
  const started = new Map<number, number>();
  const start = () => started.set(cluster.fork().id, Date.now());
  for (let i = 0; i < count; i++) start();
  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (started.size === 0) {
        logger.info({}, "stopped");
        process.exit(0);
      }
      return;
    }
    quickExits = lived < CRASH_LOOP.withinMs ? quickExits + 1 : 0;
    if (quickExits >= CRASH_LOOP.times) {
      logger.error({ code, signal }, "Baton processes keep exiting at start: giving up (see their errors above)");
      process.exit(1);
    }
    logger.error({ pid: worker.process.pid, code, signal }, "a Baton process exited; starting another");
    start();
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: each process finishes its texts in progress");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Baton failed to start: ${(error as Error)?.message ?? error}\n`);
  process.exit(1);
});
