import type { Logger } from "../ports/logger.js";

/**
 * Renews a hold every `everyMs` while `work` runs, so other replicas never take texts this one is
 * still answering, and take them within seconds once it is gone. A failed renewal is logged and
 * tried again on the next beat; the work itself is never interrupted.
 */
export async function whileHolding<T>(
  renew: () => Promise<unknown>,
  everyMs: number,
  logger: Logger,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => {
    renew().catch((error: unknown) => logger.warn({ err: error }, "could not renew the hold on texts being answered"));
  }, everyMs);
  timer.unref?.();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
