import cron from "node-cron";
import type { Logger } from "../../../core/ports/logger.js";

export interface CronTicker {
  /** Stops the timer and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Calls `tick` on a cron schedule (every minute by default). Ticks never overlap in one process;
 * across replicas the database leases keep them apart, so every replica may run this.
 */
export function startCronTicker(options: {
  expression: string;
  tick: () => Promise<unknown>;
  logger: Logger;
}): CronTicker {
  let running: Promise<unknown> | undefined;
  const task = cron.schedule(
    options.expression,
    async () => {
      if (running) return; // the previous tick is still working through a backlog
      running = options.tick().catch((error: unknown) => options.logger.error({ err: error }, "scheduler tick failed"));
      try {
        await running;
      } finally {
        running = undefined;
      }
    },
    { name: "baton-scheduler", noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
