import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DatabaseUrlError,
  maskDatabaseUrl,
  parseDatabaseUrl,
} from "../../../src/adapters/store/prisma/database-url.js";
import { Prisma } from "../../../src/adapters/store/prisma/generated/client.js";
import { openDatabase } from "../../../src/adapters/store/prisma/open-database.js";
import { applyMigrations } from "../../../src/adapters/store/prisma/apply-migrations.js";
import {
  DEFAULT_SCHEMA_PATH,
  MIGRATION_LOCK_CONTENT,
  readMigrationsFolder,
} from "../../../src/adapters/store/prisma/migrations-folder.js";
import { diffNextMigration } from "../../../src/adapters/store/prisma/schema-engine.js";
import { createTestDatabase, testStores } from "../../helpers/test-database.js";

const TABLES = [...Object.values(Prisma.ModelName), "_prisma_migrations"].sort();
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** What the engine must have recorded: one finished row per folder, checksum = sha256 of migration.sql. */
async function expectedMigrationRows() {
  const list = await readMigrationsFolder();
  expect(list.migrationDirectories.length).toBeGreaterThan(0);
  return list.migrationDirectories.map((dir) => {
    if (dir.migrationFile.content.tag !== "ok") throw new Error(`unreadable ${dir.path}`);
    return {
      migration_name: dir.path,
      checksum: createHash("sha256").update(dir.migrationFile.content.value).digest("hex"),
      finished: true,
    };
  });
}

type Query = (sql: string) => Promise<{ rows: Record<string, unknown>[] }>;

async function tablesOf(query: Query): Promise<string[]> {
  const { rows } = await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  return rows.map((row) => String(row.tablename)).sort();
}

async function migrationRowsOf(query: Query) {
  const { rows } = await query(
    "SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name",
  );
  return rows;
}

describe("DATABASE_URL", () => {
  it("defaults to embedded PGlite in ./data/baton, relative to the working directory", () => {
    for (const value of [undefined, "", "   "]) {
      expect(parseDatabaseUrl(value, "/srv/baton")).toEqual({
        kind: "pglite",
        storage: "file",
        dataDir: "/srv/baton/data/baton",
        description: "PGlite at /srv/baton/data/baton",
      });
    }
  });

  it("reads file: paths, relative, absolute and as file:// URLs", () => {
    expect(parseDatabaseUrl("file:./var/db", "/srv/baton")).toMatchObject({
      kind: "pglite",
      dataDir: "/srv/baton/var/db",
    });
    expect(parseDatabaseUrl("file:var/db", "/srv/baton")).toMatchObject({
      kind: "pglite",
      dataDir: "/srv/baton/var/db",
    });
    expect(parseDatabaseUrl("file:/data/db", "/srv/baton")).toMatchObject({ kind: "pglite", dataDir: "/data/db" });
    expect(parseDatabaseUrl("file:///data/db", "/srv/baton")).toMatchObject({ kind: "pglite", dataDir: "/data/db" });
  });

  it("reads memory: as in-memory PGlite", () => {
    expect(parseDatabaseUrl("memory:")).toEqual({
      kind: "pglite",
      storage: "memory",
      description: "PGlite (in memory)",
    });
  });

  it("reads postgres:// and postgresql:// as a server, with a description free of the password", () => {
    const target = parseDatabaseUrl("postgresql://baton:s3cret@db.internal:6543/baton?sslmode=require");
    expect(target).toMatchObject({
      kind: "postgres",
      connectionString: "postgresql://baton:s3cret@db.internal:6543/baton?sslmode=require",
      host: "db.internal:6543",
      database: "baton",
      description: "PostgreSQL baton@db.internal:6543/baton",
    });
    expect(parseDatabaseUrl("postgres://db.internal/baton")).toMatchObject({
      kind: "postgres",
      host: "db.internal:5432",
      database: "baton",
    });
  });

  it("turns Prisma's URL parameters into pool settings and keeps them away from pg", () => {
    const target = parseDatabaseUrl("postgresql://u:p@h/db?schema=public&connection_limit=4&connect_timeout=5");
    expect(target).toMatchObject({
      kind: "postgres",
      connectionString: "postgresql://u:p@h/db",
      poolMax: 4,
      connectTimeoutMs: 5000,
    });
    expect(() => parseDatabaseUrl("postgresql://u:p@h/db?schema=crm")).toThrow(/schema "crm"/);
  });

  it("refuses anything else in one line naming DATABASE_URL and the accepted forms, without echoing secrets", () => {
    for (const value of ["mysql://root:hunter2@db/baton", "hunter2", "sqlite:./dev.db", "file:"]) {
      let error: unknown;
      try {
        parseDatabaseUrl(value);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DatabaseUrlError);
      const message = (error as Error).message;
      expect(message).toMatch(/^DATABASE_URL /);
      expect(message).toContain("file:<dir>");
      expect(message).toContain("memory:");
      expect(message).toContain("postgresql://");
      expect(message).not.toContain("hunter2");
      expect(message).not.toContain("\n");
    }
    const broken = (() => {
      try {
        parseDatabaseUrl("postgresql://u:pa ss/w@rd@h/db");
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(broken).toContain("postgresql://u:****@h/db");
  });

  it("says to percent-encode an @ in the password, rather than failing later on a host named after half of it", () => {
    expect(() => parseDatabaseUrl("postgresql://baton:s3@cret@db.internal/baton")).toThrow(/percent-encode it as %40/);
    expect(() => parseDatabaseUrl("postgresql://baton:s3@cret@db.internal/baton")).not.toThrow(/cret/);
    expect(parseDatabaseUrl("postgresql://baton:s3%40cret@db.internal/baton")).toMatchObject({
      host: "db.internal:5432",
      database: "baton",
    });
  });

  it("masks passwords in URLs, even with an unencoded @, and in password= parameters", () => {
    expect(maskDatabaseUrl("postgresql://baton:s3cret@h:5432/db")).toBe("postgresql://baton:****@h:5432/db");
    expect(maskDatabaseUrl("postgresql://baton:s3@cret@h/db")).toBe("postgresql://baton:****@h/db");
    expect(maskDatabaseUrl("postgresql://h/db?user=u&password=s3cret")).toBe("postgresql://h/db?user=u&password=****");
    expect(maskDatabaseUrl("postgresql://baton@h/db")).toBe("postgresql://baton@h/db");
  });
});

describe("migrations on PGlite", () => {
  it("creates every table and records each migration with its checksum; a second apply is a no-op", async () => {
    const pglite = new PGlite();
    try {
      const expected = await expectedMigrationRows();
      const applied = await applyMigrations({ kind: "pglite", pglite });
      expect(applied).toEqual(expected.map((row) => row.migration_name));
      expect(await tablesOf((sql) => pglite.query(sql))).toEqual(TABLES);
      expect(await migrationRowsOf((sql) => pglite.query(sql))).toEqual(expected);

      expect(await applyMigrations({ kind: "pglite", pglite })).toEqual([]);
      expect(await migrationRowsOf((sql) => pglite.query(sql))).toEqual(expected);
    } finally {
      await pglite.close();
    }
  });

  it("applies a failing migration not at all, names it, and refuses to go on until it is resolved", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "baton-migrations-"));
    const pglite = new PGlite();
    try {
      await writeFile(path.join(dir, "migration_lock.toml"), MIGRATION_LOCK_CONTENT);
      await mkdir(path.join(dir, "20200101000000_good"));
      await writeFile(
        path.join(dir, "20200101000000_good", "migration.sql"),
        'CREATE TABLE "Good" ("id" TEXT PRIMARY KEY);',
      );
      await mkdir(path.join(dir, "20200102000000_bad"));
      // The semicolon in the literal would break a naive split; the missing table fails the script.
      await writeFile(
        path.join(dir, "20200102000000_bad", "migration.sql"),
        `CREATE TABLE "Half" ("note" TEXT DEFAULT 'a;b');\nSELECT * FROM "Missing";`,
      );

      await expect(applyMigrations({ kind: "pglite", pglite }, { migrationsDir: dir })).rejects.toThrow(
        /20200102000000_bad/,
      );
      // One script, one implicit transaction, as native Prisma sends it: nothing of the bad migration remains.
      expect(await tablesOf((sql) => pglite.query(sql))).toEqual(["Good", "_prisma_migrations"]);
      await expect(applyMigrations({ kind: "pglite", pglite }, { migrationsDir: dir })).rejects.toThrow(
        /failed migrations/,
      );
    } finally {
      await pglite.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("finds prisma/schema.prisma in step with prisma/migrations (else: npm run db:migration -- <name>)", async () => {
    expect(await diffNextMigration()).toBeNull();
  });

  it("writes the SQL of the next migration when the schema moves ahead", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "baton-schema-"));
    try {
      const schemaPath = path.join(dir, "schema.prisma");
      const schema = await readFile(DEFAULT_SCHEMA_PATH, "utf8");
      await writeFile(schemaPath, `${schema}\nmodel FollowUp {\n  id String @id\n  dueAt DateTime\n}\n`);
      const sql = await diffNextMigration({ schemaPath });
      expect(sql).toContain('CREATE TABLE "FollowUp"');
      expect(sql).not.toContain('CREATE TABLE "Message"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("openDatabase with a file: database", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "baton-file-db-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates missing parent folders, migrates, and keeps the data across close and reopen", async () => {
    const url = `file:${path.join(dir, "nested", "deeper", "baton")}`;
    const first = await openDatabase(url);
    expect(first.kind).toBe("pglite");
    expect(first.appliedMigrations.length).toBeGreaterThan(0);
    await first.prisma.dealership.create({
      data: { id: "maple-ridge", name: "Maple Ridge Motors", timezone: "America/Chicago" },
    });
    // A second PGlite on the same directory would corrupt it.
    await expect(openDatabase(url)).rejects.toThrow(/already open/);
    await first.close();
    await first.close(); // idempotent
    expect(existsSync(`${path.join(dir, "nested", "deeper", "baton")}.lock`)).toBe(false);

    const second = await openDatabase(url);
    try {
      expect(second.appliedMigrations).toEqual([]);
      expect(await second.prisma.dealership.findUnique({ where: { id: "maple-ridge" } })).toMatchObject({
        name: "Maple Ridge Motors",
      });
    } finally {
      await second.close();
    }
  });

  it("refuses a data directory another live process holds", async () => {
    const dataDir = path.join(dir, "held");
    await writeFile(`${dataDir}.lock`, String(process.ppid)); // the test runner: alive, and not us
    await expect(openDatabase(`file:${dataDir}`)).rejects.toThrow(/in use by process/);
    await rm(`${dataDir}.lock`);
  });
});

describe.skipIf(!TEST_DATABASE_URL)(
  `PostgreSQL at TEST_DATABASE_URL${TEST_DATABASE_URL ? "" : " (skipped: TEST_DATABASE_URL is not set)"}`,
  () => {
    const serverUrl = TEST_DATABASE_URL ?? "";
    const name = `baton_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
    const databaseUrl = Object.assign(new URL(serverUrl || "postgresql://unused"), { pathname: `/${name}` }).toString();
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    };
    beforeAll(async () => {
      await admin(`CREATE DATABASE "${name}"`);
    });
    afterAll(async () => {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });

    it("migrates once when several replicas start together, creating every table with checksummed rows", async () => {
      const expected = await expectedMigrationRows();
      const replicas = await Promise.all([1, 2, 3].map(() => openDatabase(databaseUrl)));
      try {
        // The advisory lock lets exactly one replica apply; the others find the work done.
        expect(replicas.map((db) => db.appliedMigrations).sort((a, b) => b.length - a.length)).toEqual([
          expected.map((row) => row.migration_name),
          [],
          [],
        ]);
        const [db] = replicas;
        const query: Query = (sql) =>
          db!.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql).then((rows) => ({ rows }));
        expect(await tablesOf(query)).toEqual(TABLES);
        expect(await migrationRowsOf(query)).toEqual(expected);
        await db!.prisma.dealership.create({
          data: { id: "maple-ridge", name: "Maple Ridge Motors", timezone: "America/Chicago" },
        });
      } finally {
        await Promise.all(replicas.map((db) => db.close()));
      }

      const again = await openDatabase(databaseUrl);
      try {
        expect(again.kind).toBe("postgres");
        expect(again.appliedMigrations).toEqual([]);
        expect(await again.prisma.dealership.count()).toBe(1);
      } finally {
        await again.close();
        await again.close(); // idempotent
      }
    });

    it("says which server it cannot reach, without the password", async () => {
      const error = await openDatabase("postgresql://baton:s3cret@127.0.0.1:1/baton?connect_timeout=2").catch(
        (caught: Error) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /^Cannot reach PostgreSQL baton@127\.0\.0\.1:1\/baton \(DATABASE_URL\): .*ECONNREFUSED/,
      );
      expect((error as Error).message).not.toContain("s3cret");
    });
  },
);

describe.each(testStores())("createTestDatabase on %s", (kind) => {
  it("gives a migrated, empty database each time", async () => {
    const expected = await expectedMigrationRows();
    for (let round = 0; round < 2; round++) {
      const db = await createTestDatabase({ kind });
      try {
        expect(db.kind).toBe(kind);
        expect(await db.prisma.dealership.count()).toBe(0);
        const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
          "SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name",
        );
        expect(rows).toEqual(expected);
        await db.prisma.dealership.create({
          data: { id: `rooftop-${round}`, name: "Maple Ridge Motors", timezone: "America/Chicago" },
        });
      } finally {
        await db.close();
      }
    }
  });

  it("keeps databases that are open at the same time apart", async () => {
    const [a, b] = await Promise.all([createTestDatabase({ kind }), createTestDatabase({ kind })]);
    try {
      await a!.prisma.dealership.create({ data: { id: "only-in-a", name: "A", timezone: "UTC" } });
      expect(await b!.prisma.dealership.count()).toBe(0);
    } finally {
      await Promise.all([a!.close(), b!.close()]);
    }
  });
});
