import { pino, type Logger as Pino } from "pino";

/**
 * JSON logs for machines, readable lines on a terminal. Secrets are redacted by key name as
 * a second line of defence; phone numbers are masked where they are logged.
 */
export function createLogger(level: string, pretty = process.stdout.isTTY === true): Pino {
  return pino({
    level,
    redact: {
      paths: ["*.authToken", "*.botToken", "*.apiKey", "*.signingSecret", "*.password", "*.token", "req.headers.authorization", "headers.authorization"],
      censor: "[redacted]",
    },
    ...(pretty ? { transport: { target: "pino-pretty", options: { colorize: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss" } } } : {}),
  });
}
