import type { Logger } from "../../src/core/ports/logger.js";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  obj: object;
  msg: string;
}

/** A Logger that keeps its lines, so a test can check what an operator would read. */
export function recordingLogger(): Logger & {
  lines: LogLine[];
  find(level: LogLine["level"], text: string): LogLine | undefined;
} {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (obj: object, msg?: string) =>
    void lines.push({ level, obj, msg: msg ?? "" });
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    find: (level, text) =>
      lines.find((l) => l.level === level && (l.msg.includes(text) || JSON.stringify(l.obj).includes(text))),
  };
}
