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
// Silent, except that warnings and errors are kept (the last 50) for `warnings`: a bench can say
// what went wrong beside its numbers without printing Baton's log.
const warnings: { level: string; msg: string; err?: string }[] = [];
const keep = (level: string) => (obj: object, msg?: string) => {
  const err = (obj as { err?: unknown }).err;
  warnings.push({ level, msg: msg ?? "", ...(err ? { err: err instanceof Error ? err.message : String(err) } : {}) });
  if (warnings.length > 50) warnings.shift();
};
const logger = { ...silentLogger, warn: keep("warn"), error: keep("error") };
const baton = await buildBaton(config, { logger });
const server = await baton.listen(0, "127.0.0.1");
const address = server.address();
const port = typeof address === "object" && address ? address.port : 0;

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

// Memory: the highest of each figure since the last `stats`, sampled every `memorySampleMs` (5 by the
// media bench; off unless asked, so the load bench's CPU figures carry no sampler). `trace` keeps
// every sample, on one clock with the world's (epoch ms), to tell which step of a flow used what.
const MB = 2 ** 20;
type MemorySample = [at: number, rss: number, heapUsed: number, external: number, arrayBuffers: number];
const sampleNow = (): MemorySample => {
  const m = process.memoryUsage();
  return [performance.timeOrigin + performance.now(), m.rss, m.heapUsed, m.external, m.arrayBuffers];
};
let peak = sampleNow();
let trace: MemorySample[] | undefined;
function sampleMemory(): MemorySample {
  const s = sampleNow();
  for (let i = 1; i < s.length; i++) peak[i] = Math.max(peak[i]!, s[i]!);
  trace?.push(s);
  return s;
}
const sampleMs = Number(settings.memorySampleMs ?? 0);
if (sampleMs > 0) setInterval(sampleMemory, sampleMs).unref();

serveParent(
  { url: `http://127.0.0.1:${port}`, database: baton.database.description, brain: baton.brainName },
  {
    /**
     * CPU seconds, event-loop delay and memory peaks since the last call (which resets the delay
     * histogram and the peaks); memory now (rss, heap used, external, array buffers) in MB.
     */
    stats() {
      const now = sampleMemory();
      const out = {
        cpuSeconds: cpuSeconds(),
        statements: baton.database.statements.count,
        rssMb: now[1] / MB,
        loopP99Ms: loop.percentile(99) / 1e6,
        loopMaxMs: loop.max / 1e6,
        heapUsedMb: now[2] / MB,
        externalMb: now[3] / MB,
        arrayBuffersMb: now[4] / MB,
        peakRssMb: peak[1] / MB,
        peakHeapUsedMb: peak[2] / MB,
        peakExternalMb: peak[3] / MB,
        peakArrayBuffersMb: peak[4] / MB,
      };
      loop.reset();
      peak = now;
      return out;
    },
    /** A full garbage collection, when started with --expose-gc; whether it ran. */
    gc() {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      return gc !== undefined;
    },
    /** `{on: true}` starts keeping every memory sample; `{on: false}` stops and returns them (bytes). */
    trace({ on }: { on: boolean }) {
      const kept = trace ?? [];
      trace = on ? [sampleNow()] : undefined;
      return on ? [] : kept;
    },
    /** Statements sent to the database so far (each one round trip to a server). */
    statements: () => baton.database.statements.count,
    /** Warnings and errors Baton logged since the last call (at most the last 50). */
    warnings: () => warnings.splice(0),
    idle: () => baton.idle(),
    close: () => baton.close(),
  },
);
