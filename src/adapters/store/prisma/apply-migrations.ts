// Applies prisma/migrations and records them as `prisma migrate deploy` does, but made safe to
// interrupt: each migration's SQL and its `_prisma_migrations` row commit in one transaction, so a
// process killed mid-migration (kill -9, an OOM kill, a rolling deploy) leaves neither half a
// migration nor a "failed" row that would stop every later start. The whole run holds an advisory
// lock, so replicas starting together take turns and the later ones find nothing to do.
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { silentLogger, type Logger } from "../../../core/ports/logger.js";
import { openMigrationSession, type MigrationSession, type MigrationTarget } from "./migration-session.js";
import { readMigrationsFolder } from "./migrations-folder.js";
import {
  ensureMigrationsTable,
  markUnfinishedRolledBack,
  readMigrationRecords,
  recordFailed,
  recordFinished,
  recordStarted,
  type MigrationRecord,
} from "./prisma-migrations-table.js";

/**
 * The key `prisma migrate deploy` locks (and the schema engine, which earlier Baton versions used).
 * Sharing it makes Baton replicas, older Baton versions and Prisma's CLI all wait for each other,
 * so an unfinished row seen while holding it is never another process's migration in progress.
 */
const MIGRATION_LOCK_KEY = 72707369;

type MigrationDirectory = MigrationList["migrationDirectories"][number];

export interface ApplyMigrationsOptions {
  /** @default prisma/migrations of this project */
  migrationsDir?: string;
  /** Hears which migration is being applied, and when this process waits for another one's. */
  logger?: Logger;
}

/**
 * Applies the pending migrations in name order, each in its own transaction, waiting first for any
 * other process migrating the same database. Incremental and idempotent.
 * @returns the names of the migrations applied now; empty when the database was up to date.
 */
export async function applyMigrations(
  target: MigrationTarget,
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const folder = await readMigrationsFolder(options.migrationsDir);
  if (folder.migrationDirectories.length === 0) return [];
  const logger = options.logger ?? silentLogger;
  const session = await openMigrationSession(target);
  try {
    await lockMigrations(session, logger);
    try {
      return await applyPending(session, folder.migrationDirectories, logger);
    } finally {
      // A PGlite session lives on as the app's; a PostgreSQL one ends below, releasing it anyway.
      await session.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => {});
    }
  } finally {
    await session.close();
  }
}

async function lockMigrations(session: MigrationSession, logger: Logger): Promise<void> {
  const [row] = await session.query<{ locked: boolean }>(
    `SELECT pg_try_advisory_lock(${MIGRATION_LOCK_KEY}) AS locked`,
  );
  if (row?.locked) return;
  logger.info({}, "another process is applying migrations to this database; waiting for it to finish");
  await session.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
}

async function applyPending(
  session: MigrationSession,
  directories: MigrationDirectory[],
  logger: Logger,
): Promise<string[]> {
  await ensureMigrationsTable(session);
  const records = await readMigrationRecords(session);
  const finished = new Set(
    records.filter((record) => record.finishedAt !== null).map((record) => record.migrationName),
  );
  const unfinished = records.filter((record) => record.finishedAt === null);
  const inFolder = new Set(directories.map((dir) => dir.path));
  // An unfinished row with an error: the SQL failed and will fail again until a person fixes it
  // (Prisma's rule). Without an error, a process was killed mid-migration before migrations were
  // atomic here: it can be applied again, if this release has it.
  const blocking = unfinished.filter((record) => record.logs !== null || !inFolder.has(record.migrationName));
  if (blocking.length > 0) throw new Error(failedMigrationsMessage(blocking));
  const interrupted = new Set(unfinished.map((record) => record.migrationName));

  const applied: string[] = [];
  for (const dir of directories) {
    if (finished.has(dir.path)) continue;
    const retry = interrupted.has(dir.path);
    if (retry)
      logger.warn(
        { migration: dir.path },
        "migration was left unfinished by an earlier start that was stopped; applying it again",
      );
    logger.info({ migration: dir.path }, "applying migration");
    await applyOne(session, dir.path, scriptOf(dir), retry);
    applied.push(dir.path);
  }
  return applied;
}

/** The migration and its bookkeeping row, all or nothing. */
async function applyOne(session: MigrationSession, name: string, script: string, retry: boolean): Promise<void> {
  await session.query("BEGIN");
  try {
    await markUnfinishedRolledBack(session, name);
    const id = await recordStarted(session, name, script);
    await session.runScript(script);
    await recordFinished(session, id);
    await session.query("COMMIT");
  } catch (error) {
    await session.query("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    // Recorded as Prisma records it, so later starts stop at this migration, not at a later one.
    await recordFailure(session, name, script, message).catch(() => {});
    throw new Error(
      retry
        ? `migration ${name} was left unfinished by an earlier start that was stopped, and applying it again failed: ${message}. ${howToResolve(name)}`
        : `migration ${name} failed, and none of it was applied: ${message}`,
      { cause: error },
    );
  }
}

async function recordFailure(session: MigrationSession, name: string, script: string, message: string): Promise<void> {
  await session.query("BEGIN");
  try {
    await markUnfinishedRolledBack(session, name);
    await recordFailed(session, name, script, message);
    await session.query("COMMIT");
  } catch (error) {
    await session.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

function scriptOf(dir: MigrationDirectory): string {
  const content = dir.migrationFile.content;
  if (content.tag === "error") throw new Error(`cannot read migration ${dir.path}/migration.sql: ${content.value}`);
  return content.value;
}

/** Prisma's P3009 in Baton's words, with a way out that works without Prisma's native engine. */
function failedMigrationsMessage(blocking: MigrationRecord[]): string {
  const which = blocking.map((record) => {
    const started = `started ${record.startedAt.toISOString()}`;
    return record.logs === null
      ? `${record.migrationName} (${started}) was left unfinished by a stopped start, and this release does not include it (a release that does will apply it again)`
      : `${record.migrationName} (${started}) failed: ${firstLines(record.logs)}`;
  });
  const failed = blocking.find((record) => record.logs !== null);
  return `found failed migrations in the database, new migrations will not be applied: ${which.join("; ")}.${failed ? ` ${howToResolve(failed.migrationName)}` : ""}`;
}

/** The two resolutions `prisma migrate resolve` offers, also as SQL (its CLI needs a native engine download). */
function howToResolve(name: string): string {
  const unfinished = `WHERE "migration_name" = '${name}' AND "finished_at" IS NULL AND "rolled_back_at" IS NULL`;
  return (
    `If the error says something the migration creates already exists, an earlier start applied it without recording it: ` +
    `mark it applied (npx prisma migrate resolve --applied ${name}, or in SQL: UPDATE "_prisma_migrations" SET "finished_at" = now(), "logs" = NULL ${unfinished}). ` +
    `Otherwise none of it was kept: fix the migration and mark the attempt rolled back ` +
    `(npx prisma migrate resolve --rolled-back ${name}, or in SQL: UPDATE "_prisma_migrations" SET "rolled_back_at" = now() ${unfinished}). Then start again.`
  );
}

/** A stored error without the schema engine's span trace ("   0: sql_schema_connector::..."). */
function firstLines(logs: string): string {
  const lines = logs.split("\n");
  const traceStart = lines.findIndex((line) => /^\s+\d+: /.test(line));
  const text = (traceStart >= 0 ? lines.slice(0, traceStart) : lines).join(" ").replace(/\s+/g, " ").trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
