import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { throwawayPostgres } from "./scheduler-tick.js";

export type BenchStore = "pglite" | "postgres";

export interface BenchDatabase {
  store: BenchStore;
  /** DATABASE_URL for Baton. */
  url: string;
  drop(): Promise<void>;
}

const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The PostgreSQL server to create throwaway databases on: BENCH_DATABASE_URL, else TEST_DATABASE_URL,
 * else the local one `.ci/start-postgres.sh` reuses or starts (127.0.0.1:55432). Undefined, with the
 * reason, when none can be had: the PostgreSQL rows are then skipped, not faked.
 */
export async function findPostgresServer(): Promise<{ url?: string; note: string }> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return { url: given, note: process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "TEST_DATABASE_URL" };
  const out = await new Promise<{ stdout: string; error?: Error }>((resolve) =>
    execFile(
      "bash",
      [path.join(root, ".ci/start-postgres.sh")],
      { timeout: 180_000, env: { ...process.env, TEST_DATABASE_URL: "" } },
      (error, stdout) => resolve({ stdout, error: error ?? undefined }),
    ),
  );
  const url = /export TEST_DATABASE_URL=(\S+)/.exec(out.stdout)?.[1]?.replace(/^'|'$/g, "");
  if (!url) return { note: `no PostgreSQL server (.ci/start-postgres.sh: ${out.error?.message ?? "no URL printed"})` };
  return { url, note: ".ci/start-postgres.sh" };
}

/** Databases a crashed bench left behind (baton_bench_<ms since epoch>), older than six hours. */
export async function dropStaleBenchDatabases(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'baton\\_bench\\_%'",
    );
    for (const { datname } of rows) {
      const created = Number(datname.slice("baton_bench_".length));
      if (Number.isFinite(created) && created < Date.now() - 6 * 3600_000)
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/** A fresh empty database: a PGlite data directory in a temp dir, or a new database on the server. Baton migrates it on start. */
export async function createBenchDatabase(store: BenchStore, postgresServer?: string): Promise<BenchDatabase> {
  if (store === "postgres") {
    if (!postgresServer) throw new Error("no PostgreSQL server");
    await new Promise((resolve) => setTimeout(resolve, 2)); // database names are ms timestamps
    const db = await throwawayPostgres(postgresServer);
    return { store, url: db.url, drop: db.drop };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "baton-bench-"));
  return { store, url: `file:${path.join(dir, "baton")}`, drop: () => rm(dir, { recursive: true, force: true }) };
}
