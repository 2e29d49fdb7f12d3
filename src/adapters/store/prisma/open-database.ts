import { BatonError } from "../../../core/errors/baton-error.js";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { silentLogger, type Logger } from "../../../core/ports/logger.js";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url.js";
import { createPGliteDirApart, PGLITE_OPTIONS } from "./create-pglite-dir.js";
import { applyMigrations } from "./apply-migrations.js";
import { PGliteThread } from "./pglite-thread.js";
import { StatementCounter } from "./statement-counter.js";
import { attachDirectSql, directPg, directPGlite } from "./direct-sql.js";
import { PrismaClient } from "./generated/client.js";

export interface OpenDatabaseOptions {
  /** Apply pending migrations before returning. @default true */
  migrate?: boolean;
  logger?: Logger;
  /** @default prisma/migrations of this project */
  migrationsDir?: string;
}

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** Where the data lives, safe to log: never a password. */
  description: string;
  /** Migrations applied by this open; empty when the database was up to date or `migrate` was false. */
  appliedMigrations: string[];
  /** Statements sent since the open (queries, BEGIN, COMMIT): round trips, for the bench. */
  statements: StatementCounter;
  /** Disconnects and releases the database. Safe to call more than once. */
  close(): Promise<void>;
}

/** The database could not be opened or reached; the message names the place, never the password. */
export class DatabaseOpenError extends BatonError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("database_unreachable", message, options);
  }
}

/**
 * Opens the database DATABASE_URL names (see parseDatabaseUrl), migrated unless `migrate: false`.
 * @example const db = await openDatabase(process.env.DATABASE_URL, { logger });
 */
export async function openDatabase(url: string | undefined, options: OpenDatabaseOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const logger = options.logger ?? silentLogger;
  const started = performance.now();
  const db =
    target.kind === "postgres" ? await openPostgres(target, options, logger) : await openPGlite(target, options);
  logger.info(
    { database: db.description, appliedMigrations: db.appliedMigrations, ms: Math.round(performance.now() - started) },
    db.appliedMigrations.length > 0 ? "database ready, migrations applied" : "database ready",
  );
  return db;
}

/**
 * Embedded PostgreSQL. One PGlite per data directory and process (guarded by a lock file): it is a
 * single-user Postgres that serialises every query, so real concurrency belongs on a server.
 */
async function openPGlite(
  target: Extract<DatabaseTarget, { kind: "pglite" }>,
  options: OpenDatabaseOptions,
): Promise<Database> {
  let release = () => {};
  if (target.storage === "file") {
    // PGlite creates its directory but not the parents.
    await mkdir(path.dirname(target.dataDir), { recursive: true });
    release = lockDataDir(target.dataDir);
  }
  let thread: PGliteThread | undefined;
  try {
    if (target.storage === "file") await createPGliteDirApart(target.dataDir);
    const statements = new StatementCounter();
    thread = await PGliteThread.open(
      target.storage === "file" ? target.dataDir : undefined,
      PGLITE_OPTIONS,
      statements,
    );
    const pglite = thread.asPGlite();
    const appliedMigrations =
      options.migrate === false ? [] : await applyMigrations({ kind: "pglite", pglite }, options);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    attachDirectSql(prisma, directPGlite(pglite));
    const opened = thread;
    return database(prisma, "pglite", target.description, appliedMigrations, statements, async () => {
      await prisma.$disconnect();
      await opened.close();
      release();
    });
  } catch (error) {
    await thread?.close().catch(() => {});
    release();
    throw new DatabaseOpenError(`Cannot open ${target.description}: ${messageOf(error)}`, { cause: error });
  }
}

async function openPostgres(
  target: Extract<DatabaseTarget, { kind: "postgres" }>,
  options: OpenDatabaseOptions,
  logger: Logger,
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: target.poolMax ?? 10,
    connectionTimeoutMillis: target.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
  });
  // Counted from the pool's first connection: one opened for the migrations serves texts later.
  const statements = new StatementCounter();
  statements.watchPool(pool);
  // Without a listener, a server restart that drops an idle connection would crash the process.
  pool.on("error", (error) =>
    logger.warn({ database: target.description, err: redact(error.message, target) }, "PostgreSQL connection lost"),
  );
  const unreachable = (error: unknown) =>
    new DatabaseOpenError(`Cannot reach ${target.description} (DATABASE_URL): ${redact(messageOf(error), target)}`, {
      cause: error,
    });
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw unreachable(error);
  }
  try {
    const appliedMigrations =
      options.migrate === false
        ? []
        : await applyMigrations(
            { kind: "postgres", connectionString: target.connectionString, connectTimeoutMs: target.connectTimeoutMs },
            options,
          );
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    attachDirectSql(prisma, directPg(pool));
    return database(prisma, "postgres", target.description, appliedMigrations, statements, async () => {
      await prisma.$disconnect();
      await pool.end();
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(`Cannot migrate ${target.description}: ${redact(messageOf(error), target)}`, {
      cause: error,
    });
  }
}

function database(
  prisma: PrismaClient,
  kind: Database["kind"],
  description: string,
  appliedMigrations: string[],
  statements: StatementCounter,
  shutdown: () => Promise<void>,
): Database {
  let closing: Promise<void> | undefined;
  return { prisma, kind, description, appliedMigrations, statements, close: () => (closing ??= shutdown()) };
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(messageOf).join("; ");
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}

/** Driver messages name host and user, not the password; this makes sure of it. */
function redact(message: string, target: Extract<DatabaseTarget, { kind: "postgres" }>): string {
  let password = "";
  try {
    password = decodeURIComponent(new URL(target.connectionString).password);
  } catch {
    // unparsable here means pg could not parse it either; nothing to hide beyond the URL itself
  }
  return password.length > 0 ? message.split(password).join("****") : message;
}

const openDataDirs = new Set<string>();

/**
 * Claims a PGlite data directory for this process: two PGlite instances on one directory, in one
 * process or two (say `npm run migrate` beside a running server), would corrupt it. The claim is a
 * `<dir>.lock` file holding the pid; a file left by a dead process is taken over.
 * @returns the release function
 */
function lockDataDir(dataDir: string): () => void {
  if (openDataDirs.has(dataDir))
    throw new DatabaseOpenError(`PGlite at ${dataDir} is already open in this process; share that Database.`);
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      const owner = Number(readFileSync(lockFile, "utf8").trim());
      if (isOtherLiveProcess(owner)) {
        throw new DatabaseOpenError(
          `PGlite at ${dataDir} is in use by process ${owner}; PGlite allows one process per data directory. ` +
            `Stop it (if none is running, delete ${lockFile}), or use PostgreSQL to run several.`,
        );
      }
      unlinkSync(lockFile); // left by a process that is gone
    }
  }
  openDataDirs.add(dataDir);
  const removeLockFile = () => {
    try {
      unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once("exit", removeLockFile);
  return () => {
    if (!openDataDirs.delete(dataDir)) return;
    process.removeListener("exit", removeLockFile);
    removeLockFile();
  };
}

function isOtherLiveProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by another user
  }
}
