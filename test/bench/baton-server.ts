// Baton itself, as `npm start` runs it, in its own process: buildBaton with the local brain,
// Twilio and Slack pointed at the bench's fakes, on the database the parent chose.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { buildBaton } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { silentLogger } from "../../src/core/ports/logger.js";
import { cpuSeconds, parentSettings, serveParent } from "./child.js";
import { BENCH } from "./constants.js";

const settings = parentSettings();
// Only what the bench sets: no OPENAI_API_KEY (local brain), no stray settings of the shell.
const config = loadConfig({
  DATABASE_URL: settings.databaseUrl,
  PUBLIC_URL: BENCH.publicUrl,
  DEALERSHIP_NAME: "Maple Ridge Motors",
  DEALERSHIP_TIMEZONE: "America/Chicago",
  TWILIO_ACCOUNT_SID: BENCH.accountSid,
  TWILIO_AUTH_TOKEN: BENCH.authToken,
  TWILIO_PHONE_NUMBER: BENCH.dealerNumber,
  TWILIO_API_URL: settings.twilioUrl,
  SLACK_BOT_TOKEN: BENCH.botToken,
  SLACK_SIGNING_SECRET: BENCH.signingSecret,
  SLACK_HANDOFF_CHANNEL: BENCH.handoffChannel,
  SLACK_API_URL: settings.slackUrl,
  LOG_LEVEL: "warn",
  // Each text answered at once: the bench times the machinery, and REPLY_COALESCE_MS would only
  // add its deliberate wait to every reply (each bench customer sends one text).
  REPLY_COALESCE_MS: "0",
});
const baton = await buildBaton(config, { logger: silentLogger });
const server = await baton.listen(0, "127.0.0.1");
const address = server.address();
const port = typeof address === "object" && address ? address.port : 0;

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

serveParent(
  { url: `http://127.0.0.1:${port}`, database: baton.database.description, brain: baton.brainName },
  {
    /** CPU seconds and event-loop delay since the last call (which resets the delay histogram). */
    stats() {
      const out = {
        cpuSeconds: cpuSeconds(),
        rssMb: process.memoryUsage().rss / 2 ** 20,
        loopP99Ms: loop.percentile(99) / 1e6,
        loopMaxMs: loop.max / 1e6,
      };
      loop.reset();
      return out;
    },
    idle: () => baton.idle(),
    close: () => baton.close(),
  },
);
