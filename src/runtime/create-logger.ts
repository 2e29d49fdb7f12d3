import { pino, type DestinationStream, type Logger as Pino } from "pino";

/**
 * JSON logs for machines, readable lines on a terminal. Secrets are redacted by key name as
 * a second line of defence; phone numbers are masked where they are logged.
 * @param destination where the JSON lines go instead of stdout (tests read them); never pretty
 */
export function createLogger(
  level: string,
  pretty = process.stdout.isTTY === true,
  destination?: DestinationStream,
): Pino {
  const options = {
    level,
    redact: {
      paths: [
        "*.authToken",
        "*.botToken",
        "*.apiKey",
        "*.signingSecret",
        "*.password",
        "*.token",
        "req.headers.authorization",
        "headers.authorization",
      ],
      censor: "[redacted]",
    },
  };
  if (destination) return pino(options, destination);
  return pino({
    ...options,
    ...(pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { colorize: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss" },
          },
        }
      : {}),
  });
}
