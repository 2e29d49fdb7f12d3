// Migrated databases for tests: in-memory PGlite always, PostgreSQL too when TEST_DATABASE_URL is set.
//
// Speed (measured on 2 cores): a fresh PGlite spends ~2 s in initdb, the schema engine then migrates
// it in ~0.1 s. So the engine runs once per migrations folder: its result is dumped as a PGlite data
// directory (a 40 MB tar) and cached on disk, keyed by the migrations and the PGlite version. A test
// database starts from that snapshot (~0.4 s; the first test file after a schema change pays ~2.5 s),
// and close() truncates every table and keeps the instance for the next test (~15 ms). The snapshot
// holds the engine's own `_prisma_migrations` rows, so tests see exactly what `openDatabase` makes.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../src/adapters/store/prisma/generated/client.js";
import { openDatabase } from "../../src/adapters/store/prisma/open-database.js";
import { attachDirectSql, directPGlite } from "../../src/adapters/store/prisma/direct-sql.js";
import { applyMigrations } from "../../src/adapters/store/prisma/apply-migrations.js";
import { readMigrationsFolder } from "../../src/adapters/store/prisma/migrations-folder.js";

export type TestStoreKind = "pglite" | "postgres";

export interface TestDatabase {
  prisma: PrismaClient;
  kind: TestStoreKind;
  description: string;
  /** For PostgreSQL: the database's URL, so whole Baton instances can be started on it. */
  url?: string;
  /** Disconnects; a PGlite goes back to the pool emptied, a PostgreSQL database is dropped. Idempotent. */
  close(): Promise<void>;
}

/** The stores to run store tests against: PGlite, plus PostgreSQL when TEST_DATABASE_URL is set. */
export function testStores(): TestStoreKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** A fresh, migrated, empty database. @default kind "pglite" */
export async function createTestDatabase(options: { kind?: TestStoreKind } = {}): Promise<TestDatabase> {
  return options.kind === "postgres" ? createPostgresDatabase() : createPGliteDatabase();
}

// ---- PGlite ---------------------------------------------------------------------------------------

const root = fileURLToPath(new URL("../../", import.meta.url));
const cacheDir = path.join(root, "node_modules", ".cache", "baton-test-db");
const MAX_IDLE = 2; // each PGlite holds ~130 MB; tests rarely need more than two at once
const idle: PGlite[] = [];
let snapshot: Promise<Blob> | undefined;

async function createPGliteDatabase(): Promise<TestDatabase> {
  const pglite = idle.pop() ?? (await startFromSnapshot());
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  // As openDatabase does: the stores' raw statements go straight to PGlite.
  attachDirectSql(prisma, directPGlite(pglite));
  let closing: Promise<void> | undefined;
  return {
    prisma,
    kind: "pglite",
    description: "PGlite (in memory, test)",
    close: () => (closing ??= prisma.$disconnect().then(() => recycle(pglite))),
  };
}

async function startFromSnapshot(): Promise<PGlite> {
  snapshot ??= loadSnapshot().catch((error: unknown) => {
    snapshot = undefined; // let the next test try again rather than repeat one failure
    throw error;
  });
  const pglite = new PGlite({ loadDataDir: await snapshot });
  await pglite.waitReady;
  return pglite;
}

/** The migrated data directory: from the disk cache, or built once by the real schema engine. */
async function loadSnapshot(): Promise<Blob> {
  const file = path.join(cacheDir, `${await snapshotKey()}.tar`);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return new Blob([cached]);

  const pglite = new PGlite();
  try {
    await applyMigrations({ kind: "pglite", pglite });
    const tar = await pglite.dumpDataDir("none");
    // Written aside and renamed: a parallel worker never reads half a file. A cache that cannot be
    // written only costs speed.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    await mkdir(cacheDir, { recursive: true })
      .then(async () => writeFile(partial, new Uint8Array(await tar.arrayBuffer())))
      .then(() => rename(partial, file))
      .catch(() => rm(partial, { force: true }));
    return tar;
  } finally {
    await pglite.close();
  }
}

async function snapshotKey(): Promise<string> {
  const hash = createHash("sha256");
  for (const pkg of ["@electric-sql/pglite", "@prisma/schema-engine-wasm"]) {
    hash.update(JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")).version);
  }
  const list = await readMigrationsFolder();
  hash.update(list.lockfile.content ?? "");
  for (const dir of list.migrationDirectories)
    hash.update(`${dir.path}\0${JSON.stringify(dir.migrationFile.content)}\0`);
  return hash.digest("hex").slice(0, 16);
}

/** Empties the tables and keeps the instance, unless the test left it in a state a fresh one would not have. */
async function recycle(pglite: PGlite): Promise<void> {
  try {
    if (idle.length >= MAX_IDLE || pglite.isInTransaction()) throw new Error("not reusable");
    const { rows } = await pglite.query<{ tables: string | null; extra: number }>(`
      SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') FILTER (WHERE schemaname = 'public') AS tables,
             count(*) FILTER (WHERE schemaname <> 'public')::int AS extra
      FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> '_prisma_migrations'`);
    const { tables, extra } = rows[0] ?? { tables: null, extra: 1 };
    if (!tables || extra > 0) throw new Error("schema changed");
    await pglite.exec(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
    idle.push(pglite);
  } catch {
    await pglite.close().catch(() => {});
  }
}

// ---- PostgreSQL -----------------------------------------------------------------------------------

const PREFIX = "baton_test_";
let swept = false;

/** A new database on the TEST_DATABASE_URL server, migrated by the same path production uses; dropped on close. */
async function createPostgresDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set; start a server with: eval "$(.ci/start-postgres.sh)"');
  // The epoch in the name lets a later run drop databases a crashed run left behind.
  const name = `${PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, async (admin) => {
    if (!swept) {
      swept = true;
      await dropStaleDatabases(admin);
    }
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    const db = await openDatabase(url.toString(), { migrate: true });
    let closing: Promise<void> | undefined;
    const close = async () => {
      await db.close();
      await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    };
    return {
      prisma: db.prisma,
      kind: "postgres",
      description: db.description,
      url: url.toString(),
      close: () => (closing ??= close()),
    };
  } catch (error) {
    await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(
      () => {},
    );
    throw error;
  }
}

async function withAdmin<T>(serverUrl: string, run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

/** Test databases older than six hours belong to runs that died before dropping them. */
async function dropStaleDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
    `${PREFIX}%`,
  ]);
  const cutoff = Date.now() / 1000 - 6 * 3600;
  for (const { datname } of rows) {
    const created = Number(datname.slice(PREFIX.length).split("_")[0]);
    if (created < cutoff) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
  }
}
