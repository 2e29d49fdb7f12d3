/**
 * Whether an error means the database cannot be used at all (down, restarting, unreachable, out of
 * connections, refusing Baton's login) rather than one query going wrong, as Prisma, `pg` and
 * PGlite report it. While it lasts every request fails the same way, so it is logged once per kind.
 */
export interface DatabaseUnavailable {
  /** A short, stable name for the kind of failure, e.g. "P1001 DatabaseNotReachable" or "ECONNREFUSED". */
  failure: string;
  /** One line from the error saying what happened, e.g. "Can't reach database server at db:5432". */
  detail: string;
}

// Prisma's connection-level codes (https://www.prisma.io/docs/orm/reference/error-reference).
const PRISMA_CODES = new Set([
  "P1000",
  "P1001",
  "P1002",
  "P1003",
  "P1008",
  "P1010",
  "P1011",
  "P1017",
  "P2024",
  "P2037",
]);
// The driver adapters' names for the same (@prisma/driver-adapter-utils).
const DRIVER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);
// PostgreSQL SQLSTATEs: class 08 (connection exception), shutting down or starting up, too many connections.
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EAI_AGAIN",
]);
// Errors `pg`, its pool and PGlite throw without a code.
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /PGlite is closed/i,
  /Cannot use a pool after calling end/i,
];

/** @returns what made the database unavailable, or undefined when `error` is about something else */
export function databaseUnavailable(error: unknown): DatabaseUnavailable | undefined {
  // Prisma wraps the driver's error; `pg` errors may arrive bare or as a cause.
  for (let e: unknown = error, depth = 0; isObject(e) && depth < 5; e = e.cause, depth++) {
    const failure = failureOf(e);
    if (failure) return { failure, detail: lastLine(String(e.message ?? "")) };
  }
  return undefined;
}

function failureOf(e: Record<string, any>): string | undefined {
  const driver = driverCause(e);
  const kind = typeof driver?.kind === "string" ? driver.kind : undefined;
  const sqlState =
    kind === "postgres" ? String(driver?.originalCode ?? driver?.code ?? "") : typeof e.code === "string" ? e.code : "";
  const code = typeof e.code === "string" ? e.code : typeof e.errorCode === "string" ? e.errorCode : undefined;
  if (code && PRISMA_CODES.has(code)) return kind && kind !== "postgres" ? `${code} ${kind}` : code;
  if (kind && DRIVER_KINDS.has(kind)) return kind;
  if (SQLSTATE.test(sqlState)) return `SQLSTATE ${sqlState}`;
  if (code && SOCKET_CODES.has(code)) return code;
  const message = typeof e.message === "string" ? e.message : "";
  const known = MESSAGES.find((pattern) => pattern.test(message));
  return known ? lastLine(message) : undefined;
}

/** A DriverAdapterError's cause, bare or as Prisma carries it in `meta`. */
function driverCause(e: Record<string, any>): Record<string, any> | undefined {
  if (e.name === "DriverAdapterError" && isObject(e.cause)) return e.cause;
  const inMeta = e.meta?.driverAdapterError?.cause;
  return isObject(inMeta) ? inMeta : undefined;
}

/** Prisma's messages open with the call site and a code frame; the cause is the last line. */
function lastLine(message: string): string {
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? "").slice(0, 200);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null;
}
