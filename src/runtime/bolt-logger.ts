import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../core/ports/logger.js";

/** Bolt's own log lines go through Baton's logger, so there is one format and one redaction. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const text = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ");
  return {
    debug: (...args) => logger.debug({ source: "slack" }, text(args)),
    info: (...args) => logger.info({ source: "slack" }, text(args)),
    warn: (...args) => logger.warn({ source: "slack" }, text(args)),
    error: (...args) => logger.error({ source: "slack" }, text(args)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
