// One database session for applying migrations: the same SQL on an open PGlite and on PostgreSQL.
// One session because the advisory lock, BEGIN/COMMIT and the scripts between them must share it.
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** The database to migrate: an open PGlite, or a PostgreSQL URL (migrations get their own connection). */
export type MigrationTarget =
  { kind: "pglite"; pglite: PGlite } | { kind: "postgres"; connectionString: string; connectTimeoutMs?: number };

export interface MigrationSession {
  /** One statement, with parameters. */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * A whole migration.sql as one simple-protocol message, as native Prisma sends it: any number of
   * statements, string literals and $$ bodies intact. Inside BEGIN it joins that transaction.
   */
  runScript(script: string): Promise<void>;
  /** Ends a PostgreSQL connection (releasing its locks); leaves a PGlite open for its owner. */
  close(): Promise<void>;
}

export async function openMigrationSession(target: MigrationTarget): Promise<MigrationSession> {
  if (target.kind === "pglite") {
    const { pglite } = target;
    return {
      query: async <Row>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
      runScript: async (script) => {
        await pglite.exec(script);
      },
      close: async () => {},
    };
  }

  const client = new pg.Client({
    connectionString: target.connectionString,
    connectionTimeoutMillis: target.connectTimeoutMs ?? 10_000,
  });
  client.on("error", () => {}); // a dropped connection surfaces as the error of the pending or next query
  await client.connect();
  // PostgreSQL 14+: if this process dies mid-migration, the server aborts the statement within a
  // second instead of finishing it first, so the replica waiting for the lock starts sooner.
  // PostgreSQL 13 lacks the setting; there the server notices when it next writes to us.
  await client.query("SET client_connection_check_interval = 1000").catch(() => {});
  return {
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
    runScript: async (script) => {
      await client.query(script); // no parameters: pg sends it with the simple query protocol
    },
    close: () => client.end().catch(() => {}),
  };
}
