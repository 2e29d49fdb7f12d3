import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../core/ports/logger.js";

/** Bolt's own log lines go through Baton's logger, so there is one format and one redaction. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  // Bolt's debug lines carry whole payloads (customers' words): only when Bolt's own level asks.
  const rank: Record<LogLevel, number> = {
    [LogLevel.DEBUG]: 0,
    [LogLevel.INFO]: 1,
    [LogLevel.WARN]: 2,
    [LogLevel.ERROR]: 3,
  };
  const on = (l: LogLevel) => rank[l] >= rank[level];
  const text = (args: unknown[]) =>
    args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ");
  return {
    debug: (...args) => on(LogLevel.DEBUG) && logger.debug({ source: "slack" }, text(args)),
    info: (...args) => on(LogLevel.INFO) && logger.info({ source: "slack" }, text(args)),
    warn: (...args) => logger.warn({ source: "slack" }, text(args)),
    error: (...args) => logger.error({ source: "slack" }, text(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
