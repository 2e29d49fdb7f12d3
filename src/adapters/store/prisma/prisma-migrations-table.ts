// `_prisma_migrations`, written exactly as Prisma's schema engine writes it, so `prisma migrate
// status`, `migrate resolve` and `migrate deploy` read Baton's rows as their own and vice versa.
import { createHash, randomUUID } from "node:crypto";
import type { MigrationSession } from "./migration-session.js";

/** Prisma's own statement (schema engine 7.10, PostgreSQL), so an existing table is the same table. */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/** A row that still counts (not marked rolled back). */
export interface MigrationRecord {
  migrationName: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** The error of a failed attempt; null while in progress, after success, and after a killed one. */
  logs: string | null;
}

/** What Prisma stores as `checksum`: the sha256 of migration.sql, in hex. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script).digest("hex");
}

export async function ensureMigrationsTable(session: MigrationSession): Promise<void> {
  await session.query(CREATE_TABLE);
}

export async function readMigrationRecords(session: MigrationSession): Promise<MigrationRecord[]> {
  const rows = await session.query<{
    migration_name: string;
    started_at: Date;
    finished_at: Date | null;
    logs: string | null;
  }>(
    'SELECT "migration_name", "started_at", "finished_at", "logs" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL ORDER BY "started_at"',
  );
  return rows.map((row) => ({
    migrationName: row.migration_name,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    logs: row.logs,
  }));
}

/**
 * Marks earlier unfinished attempts at a migration rolled back, as `prisma migrate resolve
 * --rolled-back` does, so that the attempt recorded next is the one that counts.
 */
export async function markUnfinishedRolledBack(session: MigrationSession, migrationName: string): Promise<void> {
  await session.query(
    'UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = $1 AND "finished_at" IS NULL AND "rolled_back_at" IS NULL',
    [migrationName],
  );
}

/** Records an attempt as started; returns its id. */
export async function recordStarted(session: MigrationSession, migrationName: string, script: string): Promise<string> {
  const id = randomUUID();
  await session.query('INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name") VALUES ($1, $2, $3)', [
    id,
    migrationChecksum(script),
    migrationName,
  ]);
  return id;
}

export async function recordFinished(session: MigrationSession, id: string): Promise<void> {
  // clock_timestamp(): now() would be the transaction's start, the same as started_at.
  await session.query(
    'UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1',
    [id],
  );
}

/** Records a failed attempt as Prisma does (unfinished, with the error in `logs`), which stops later starts until resolved. */
export async function recordFailed(
  session: MigrationSession,
  migrationName: string,
  script: string,
  error: string,
): Promise<void> {
  const id = await recordStarted(session, migrationName, script);
  await session.query('UPDATE "_prisma_migrations" SET "logs" = $2 WHERE "id" = $1', [id, error]);
}
