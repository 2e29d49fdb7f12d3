import { BatonError } from "../../../core/errors/baton-error.js";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the store lives, decided by DATABASE_URL alone. */
export type DatabaseTarget =
  | {
      kind: "pglite";
      storage: "file";
      /** Absolute path of the PGlite data directory. */ dataDir: string;
      description: string;
    }
  | { kind: "pglite"; storage: "memory"; description: string }
  | {
      kind: "postgres";
      /** For `pg`, with Prisma-only parameters (schema, connection_limit, connect_timeout) removed. */
      connectionString: string;
      /** host:port/database, safe to log. */
      host: string;
      database: string;
      /** From Prisma's `connection_limit` URL parameter, when given. */
      poolMax?: number;
      /** From Prisma's `connect_timeout` URL parameter (seconds), when given. */
      connectTimeoutMs?: number;
      description: string;
    };

/** @default the embedded database, relative to the process's working directory */
export const DEFAULT_DATABASE_URL = "file:./data/baton";

const ACCEPTED =
  "file:<dir> (embedded PGlite, the default is file:./data/baton), memory: (in-memory PGlite) " +
  "or postgresql://user:password@host:5432/database (a PostgreSQL server)";

/** A DATABASE_URL Baton cannot use. The message is one line and never contains a password. */
export class DatabaseUrlError extends BatonError {
  constructor(message: string) {
    super("database_url_invalid", message);
  }
}

/**
 * Reads DATABASE_URL: unset or empty → embedded PGlite in ./data/baton; `file:<dir>` → PGlite in <dir>;
 * `memory:` → in-memory PGlite; `postgres://` or `postgresql://` → a PostgreSQL server.
 */
export function parseDatabaseUrl(value: string | undefined, cwd: string = process.cwd()): DatabaseTarget {
  const raw = (value ?? "").trim() || DEFAULT_DATABASE_URL;

  if (/^memory:(\/\/)?$/i.test(raw)) return { kind: "pglite", storage: "memory", description: "PGlite (in memory)" };

  if (/^file:/i.test(raw)) {
    // file:///abs/dir is a URL; file:./dir and file:dir are paths, as Prisma's SQLite URLs were.
    const rest = raw.slice("file:".length);
    const dir = rest.startsWith("//") ? safeFileUrlToPath(raw) : rest;
    if (!dir)
      throw new DatabaseUrlError(
        `DATABASE_URL "file:" needs a directory, e.g. ${DEFAULT_DATABASE_URL}. Accepted: ${ACCEPTED}.`,
      );
    const dataDir = path.resolve(cwd, dir);
    return { kind: "pglite", storage: "file", dataDir, description: `PGlite at ${dataDir}` };
  }

  if (/^postgres(ql)?:\/\//i.test(raw)) return parsePostgresUrl(raw);

  // Say which scheme was given, never the value: a mistyped variable may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1];
  const given = scheme ? `a "${scheme}:" URL` : "a value that is not a URL";
  throw new DatabaseUrlError(`DATABASE_URL is ${given}. Accepted: ${ACCEPTED}.`);
}

function safeFileUrlToPath(raw: string): string {
  try {
    return fileURLToPath(raw);
  } catch {
    throw new DatabaseUrlError(`DATABASE_URL "${raw}" is not a valid file: URL. Accepted: ${ACCEPTED}.`);
  }
}

function parsePostgresUrl(raw: string): DatabaseTarget {
  // "user:p@ss@host": a URL parser takes the last "@", pg the first, and the server then looks
  // like "ss@host". Said plainly here instead of as a DNS error at the first query.
  const credentialsAndHost = raw.slice(raw.indexOf("://") + 3).split(/[?#]/)[0]!;
  if ((credentialsAndHost.match(/@/g) ?? []).length > 1) {
    throw new DatabaseUrlError(
      `DATABASE_URL ${maskDatabaseUrl(raw)} has an "@" in its user name or password: percent-encode it as %40 (and ":" as %3A, "/" as %2F).`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseUrlError(
      `DATABASE_URL ${maskDatabaseUrl(raw)} is not a valid URL (percent-encode special characters in the password). Accepted: ${ACCEPTED}.`,
    );
  }
  // Prisma's own URL parameters mean nothing to `pg`: translate the useful ones, drop the rest.
  const params = url.searchParams;
  const schema = params.get("schema");
  if (schema && schema !== "public") {
    throw new DatabaseUrlError(
      `DATABASE_URL asks for schema "${schema}"; Baton keeps its tables in "public". Remove ?schema= or use a separate database.`,
    );
  }
  const poolMax = positiveInt(params.get("connection_limit"), "connection_limit");
  const connectTimeout = positiveInt(params.get("connect_timeout"), "connect_timeout");
  const prismaOnly = ["schema", "connection_limit", "connect_timeout", "pool_timeout", "pgbouncer"].filter((key) =>
    params.has(key),
  );
  for (const key of prismaOnly) params.delete(key);

  const hostName = url.hostname || params.get("host") || "localhost";
  const host = `${hostName}:${url.port || "5432"}`;
  const database =
    decodeURIComponent(url.pathname.replace(/^\//, "")) || decodeURIComponent(url.username) || "postgres";
  const user = url.username ? `${decodeURIComponent(url.username)}@` : "";
  return {
    kind: "postgres",
    // Re-serialise only when a parameter was removed: pg parses the URL its own way.
    connectionString: prismaOnly.length > 0 ? url.toString() : raw,
    host,
    database,
    ...(poolMax ? { poolMax } : {}),
    ...(connectTimeout ? { connectTimeoutMs: connectTimeout * 1000 } : {}),
    description: `PostgreSQL ${user}${host}/${database}`,
  };
}

function positiveInt(value: string | null, name: string): number | undefined {
  if (value === null || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new DatabaseUrlError(`DATABASE_URL parameter ${name}=${value} must be a positive whole number.`);
  return n;
}

/** The URL with its password (and any password= parameter) replaced by ****, for logs and errors. */
export function maskDatabaseUrl(raw: string): string {
  let masked = raw;
  const start = raw.indexOf("://");
  // The last "@" ends the credentials even when an unencoded "@" sits in the password;
  // if a later part holds an "@", this hides more than needed, never less.
  const at = raw.lastIndexOf("@");
  if (start >= 0 && at > start) {
    const userinfo = raw.slice(start + 3, at);
    const colon = userinfo.indexOf(":");
    if (colon >= 0) masked = `${raw.slice(0, start + 3)}${userinfo.slice(0, colon)}:****${raw.slice(at)}`;
  }
  return masked.replace(/([?&]password=)[^&#]*/gi, "$1****");
}
