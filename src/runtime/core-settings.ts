import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "../config/config.js";
import { DEFAULT_SCHEDULER_CONFIG } from "../config/follow-up-schema.js";
import type { BatonSettings } from "../core/baton-core.js";
import type { LeaseTiming } from "../core/conversation/handling-lease.js";

/** How this replica's core runs: from the environment, and from the tests' shorter leases and retries. */
export function coreSettings(
  config: Config,
  options: { smsRetryDelaysMs?: number[] },
  lease: LeaseTiming,
): BatonSettings {
  const scheduler = config.scheduler ?? DEFAULT_SCHEDULER_CONFIG;
  return {
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    replyCoalesceMs: config.replyCoalesceMs,
    answerConcurrency: config.answerConcurrency,
    keywordReplies: scheduler.keywordReplies,
    frustrationThreshold: scheduler.frustrationThreshold,
    smsRetryDelaysMs: options.smsRetryDelaysMs,
    renewEveryMs: lease.renewEveryMs,
  };
}
