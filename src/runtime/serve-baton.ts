import type express from "express";
import type { Server } from "node:http";
import { startCronTicker, type CronTicker } from "../adapters/scheduler/node-cron/node-cron-ticker.js";
import type { BatonCore } from "../core/baton-core.js";
import type { Logger } from "../core/ports/logger.js";

export interface ServeOptions {
  /** SCHEDULER_CRON, or null for no cron ticks. */
  cron: string | null;
  /** Run scheduled work on the cron from `listen` on (main.ts). */
  startScheduler: boolean;
  /** How often work a dead replica left is looked for, between cron ticks. @default 5 s with startScheduler */
  recoveryEveryMs?: number;
  /** What is in progress at shutdown gets this long. @default 8000 */
  shutdownGraceMs?: number;
  /** When the work of staff clicks and thread replies already acknowledged is done: a shutdown waits for it. */
  acknowledgedWorkDone?(): Promise<void>;
  logger: Logger;
  /** Ends live streams and pending simulated reports (the sandbox's), before the server closes. */
  stopStreams?(): void;
  /** Closed last, after the server and the work in progress: the database. */
  closeResources(): Promise<void>;
}

/** Listening, the cron tick and the recovery sweep, and a shutdown that loses nothing stored. */
export function serveBaton(http: express.Express, core: BatonCore, options: ServeOptions) {
  const { logger } = options;
  let server: Server | undefined;
  let ticker: CronTicker | undefined;
  let recovery: NodeJS.Timeout | undefined;
  const startTicks = () => {
    // Between cron ticks: a replica that died mid-answer is replaced within seconds, not minutes.
    const recoveryEveryMs = options.recoveryEveryMs ?? (options.startScheduler ? 5_000 : undefined);
    if (recoveryEveryMs && !recovery) {
      recovery = setInterval(
        () =>
          void core
            .recoverUnfinishedWork(false)
            .catch((error: unknown) => logger.warn({ err: error }, "looking for unfinished work failed")),
        recoveryEveryMs,
      );
      recovery.unref();
    }
    if (!options.startScheduler || !options.cron || ticker) return;
    const tick = async () => {
      const result = await core.runDueWork();
      if (result.done + result.deferred + result.failed > 0) logger.info({ ...result }, "scheduled work run");
    };
    ticker = startCronTicker({ expression: options.cron, tick, logger });
  };
  return {
    listen: (port: number, host?: string) =>
      new Promise<Server>((resolve, reject) => {
        // Express 5 calls back on failure too, with the error: a port in use must not read as listening.
        const s = http.listen(port, host ?? "0.0.0.0", (error?: Error) => {
          if (!error) return (startTicks(), resolve(s));
          const code = (error as NodeJS.ErrnoException).code;
          reject(code === "EADDRINUSE" ? new Error(`port ${port} is in use; set PORT to a free one`) : error);
        });
        server = s;
      }),
    async close() {
      clearInterval(recovery);
      await ticker?.stop();
      options.stopStreams?.();
      // No new requests; idle keep-alive connections close now. Then the core starts no new work
      // (drain): texts not yet being answered stay in the database for another replica or the next start.
      const serverClosed = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
      server?.closeIdleConnections();
      // What is in progress gets a bounded grace: one hung provider call must not outlast the
      // orchestrator's patience (Docker sends SIGKILL after 10 s). Past it, crash recovery takes over.
      const graceMs = options.shutdownGraceMs ?? 8000;
      const deadline = Date.now() + graceMs;
      // What Slack was told is received is a promise: a click's claim still happens, a reply is still relayed.
      await Promise.race([
        options.acknowledgedWorkDone?.(),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
      if (await core.drain(Math.max(0, deadline - Date.now())))
        logger.warn({ graceMs }, "shutdown grace over: work still in progress is left to crash recovery");
      server?.closeAllConnections();
      await serverClosed;
      await options.closeResources();
    },
  };
}
