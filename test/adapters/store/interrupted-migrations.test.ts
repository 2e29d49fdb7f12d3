// Issue 15, item 13: a process killed with SIGKILL halfway through a migration must not block
// later starts, and replicas starting together must take turns. Real child processes, real
// databases: PGlite in a temporary directory, and PostgreSQL when TEST_DATABASE_URL names a server.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Prisma, PrismaClient } from "../../../src/adapters/store/prisma/generated/client.js";
import { openDatabase, type Database } from "../../../src/adapters/store/prisma/open-database.js";
import { applyMigrations } from "../../../src/adapters/store/prisma/apply-migrations.js";
import { DEFAULT_MIGRATIONS_DIR, readMigrationsFolder } from "../../../src/adapters/store/prisma/migrations-folder.js";
import { recordingLogger } from "../../helpers/recording-logger.js";
import { testStores } from "../../helpers/test-database.js";

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const CHILD = fileURLToPath(new URL("./migrating-process.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Advisory lock key the fixture migration waits on (PostgreSQL): while a test holds it, the migration is stuck halfway. */
const GATE = 4_242_001;
const PAUSE_SQL = `-- Test fixture: stops halfway when a test asks, so that the test can kill the process applying it.
-- PostgreSQL: waits while the test holds advisory lock ${GATE}. PGlite: sleeps baton.test_pause_seconds.
CREATE TABLE "HalfwayMarker" ("note" TEXT NOT NULL);
SELECT pg_advisory_xact_lock_shared(${GATE});
SELECT pg_sleep(coalesce(nullif(current_setting('baton.test_pause_seconds', true), ''), '0')::float8);
INSERT INTO "HalfwayMarker" ("note") VALUES ('after the pause');
`;

/** prisma/migrations plus the pausing migration right after the first one, as a release with a slow migration would be. */
let migrationsDir: string;
let migrationNames: string[];
let pausingMigration: string;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "baton-interrupted-"));
  migrationsDir = path.join(scratch, "migrations");
  await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  const [first] = (await readMigrationsFolder(migrationsDir)).migrationDirectories.map((dir) => dir.path);
  pausingMigration = `${first}_pause_halfway`;
  await mkdir(path.join(migrationsDir, pausingMigration));
  await writeFile(path.join(migrationsDir, pausingMigration, "migration.sql"), PAUSE_SQL);
  migrationNames = (await readMigrationsFolder(migrationsDir)).migrationDirectories.map((dir) => dir.path);
  expect(migrationNames.indexOf(pausingMigration)).toBe(1);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

// ---- child processes --------------------------------------------------------------------------

interface Runner {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const runners: Runner[] = [];

afterEach(() => {
  for (const runner of runners.splice(0))
    if (runner.child.exitCode === null && runner.child.signalCode === null) runner.child.kill("SIGKILL");
});

/** Starts a process that migrates `url` from the fixture folder; `name` becomes its PostgreSQL application_name. */
function startRunner(url: string, options: { name?: string; pauseSeconds?: number } = {}): Runner {
  const child = spawn(
    process.execPath,
    ["--import", TSX, CHILD, url, migrationsDir, String(options.pauseSeconds ?? 0)],
    {
      env: { ...process.env, PGAPPNAME: options.name ?? "baton-test-runner" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const runner: Runner = {
    child,
    stdout: "",
    stderr: "",
    exit: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on("data", (chunk: Buffer) => (runner.stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (runner.stderr += chunk.toString()));
  runners.push(runner);
  return runner;
}

/** Waits for a successful exit and returns the migrations the process applied. */
async function appliedBy(runner: Runner): Promise<string[]> {
  const { code } = await runner.exit;
  expect({ code, stderr: runner.stderr.trim() }).toEqual({ code: 0, stderr: "" });
  const line = runner.stdout.split("\n").find((text) => text.startsWith('{"applied"'));
  return (JSON.parse(line ?? "{}") as { applied: string[] }).applied;
}

async function killed(runner: Runner): Promise<void> {
  runner.child.kill("SIGKILL");
  expect(await runner.exit).toEqual({ code: null, signal: "SIGKILL" });
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, watched: Runner[]): Promise<void> {
  const deadline = Date.now() + 45_000; // generous: a loaded machine is slow, not broken
  while (!(await condition())) {
    const ended = watched.find((runner) => runner.child.exitCode !== null);
    if (ended || Date.now() > deadline) {
      const output = watched.map((runner) => `${runner.stdout}${runner.stderr}`.trim()).join("\n");
      throw new Error(
        `gave up waiting for ${what}${ended ? ` (a process exited ${ended.child.exitCode})` : ""}:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// ---- what a user would check afterwards -------------------------------------------------------

/** A start after the others: nothing left to apply, and the database complete and usable. */
async function expectNextStartHasNothingToDo(url: string): Promise<void> {
  const db = await openDatabase(url, { migrationsDir });
  try {
    expect(db.appliedMigrations).toEqual([]);
    await expectFullyMigratedAndWorking(db);
  } finally {
    await db.close();
  }
}

async function expectFullyMigratedAndWorking(db: Pick<Database, "prisma">): Promise<void> {
  const query = (sql: string) => db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);
  const tables = (await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((row) =>
    String(row.tablename),
  );
  expect(tables.sort()).toEqual([...Object.values(Prisma.ModelName), "HalfwayMarker", "_prisma_migrations"].sort());

  // Each migration recorded once, finished, with Prisma's checksum; none failed or left open.
  const rows = await query(
    "SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY migration_name",
  );
  const folder = await readMigrationsFolder(migrationsDir);
  expect(rows).toEqual(
    folder.migrationDirectories.map((dir) => ({
      migration_name: dir.path,
      checksum: createHash("sha256").update(dir.migrationFile.content.value).digest("hex"),
      finished: true,
    })),
  );
  // The interrupted migration ran exactly once, all of it.
  expect(await query('SELECT note FROM "HalfwayMarker"')).toEqual([{ note: "after the pause" }]);

  const id = `maple-ridge-${randomBytes(3).toString("hex")}`;
  await db.prisma.dealership.create({ data: { id, name: "Maple Ridge Motors", timezone: "America/Chicago" } });
  expect(await db.prisma.dealership.findUnique({ where: { id } })).toMatchObject({ name: "Maple Ridge Motors" });
}

// ---- PostgreSQL helpers -----------------------------------------------------------------------

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** An empty database on the TEST_DATABASE_URL server, dropped by the returned function. */
async function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = TEST_DATABASE_URL ?? "";
  // The helper's prefix and epoch, so a crashed run's database is swept by test-database.ts.
  const name = `baton_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  await withClient(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  return {
    url,
    drop: () =>
      withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/** Holds the gate: the pausing migration waits halfway until release. */
async function closeGate(url: string): Promise<{ open: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SELECT pg_advisory_lock($1)", [GATE]);
  return { open: () => client.end() };
}

/** Sessions waiting for an advisory lock, by application_name: at the gate (inside the migration) or elsewhere. */
async function advisoryWaiters(url: string): Promise<{ atGate: string[]; elsewhere: string[] }> {
  const { rows } = await withClient(url, (client) =>
    client.query<{ name: string; at_gate: boolean }>(
      `SELECT a.application_name AS name, l.classid = 0 AND l.objid::bigint = $1 AS at_gate
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = current_database()`,
      [GATE],
    ),
  );
  return {
    atGate: rows.filter((row) => row.at_gate).map((row) => row.name),
    elsewhere: rows.filter((row) => !row.at_gate).map((row) => row.name),
  };
}

// ---- the tests --------------------------------------------------------------------------------

describe.each(testStores())("a start killed mid-migration on %s", (kind) => {
  it(
    "leaves nothing that blocks: the next start applies the rest, each migration once, and works",
    { timeout: 90_000 },
    async () => {
      let url: string;
      let cleanUp = async () => {};
      if (kind === "pglite") {
        url = `file:${path.join(scratch, "pglite-killed")}`;
        const runner = startRunner(url, { pauseSeconds: 60 });
        await waitFor("the migration to pause halfway", () => runner.stdout.includes('{"pausing":true}'), [runner]);
        await killed(runner);
      } else {
        const database = await createEmptyPostgresDatabase();
        ({ url } = database);
        cleanUp = database.drop;
        const gate = await closeGate(url);
        const runner = startRunner(url, { name: "baton-test-killed" });
        await waitFor(
          "the migration to stop halfway",
          async () => (await advisoryWaiters(url)).atGate.includes("baton-test-killed"),
          [runner],
        );
        await killed(runner);
        await gate.open();
      }

      try {
        const db = await openDatabase(url, { migrationsDir });
        try {
          expect(db.appliedMigrations).toEqual(migrationNames.slice(migrationNames.indexOf(pausingMigration)));
          await expectFullyMigratedAndWorking(db);
        } finally {
          await db.close();
        }
      } finally {
        await cleanUp();
      }
    },
  );
});

describe.skipIf(!TEST_DATABASE_URL)(
  `replicas on one PostgreSQL${TEST_DATABASE_URL ? "" : " (skipped: TEST_DATABASE_URL is not set)"}`,
  () => {
    let url: string;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ url, drop } = await createEmptyPostgresDatabase());
    });
    afterAll(async () => {
      await drop();
    });
    afterEach(async () => {
      // Each test starts from an empty database.
      await withClient(url, (client) => client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public"));
    });

    it(
      "two started at once both succeed: one migrates while the other waits, then finds nothing to do",
      { timeout: 90_000 },
      async () => {
        const gate = await closeGate(url);
        const replicas = [startRunner(url, { name: "baton-test-a" }), startRunner(url, { name: "baton-test-b" })];
        await waitFor(
          "one replica halfway through the migrations and the other waiting for it",
          async () => {
            const waiters = await advisoryWaiters(url);
            return waiters.atGate.length === 1 && waiters.elsewhere.length === 1;
          },
          replicas,
        );
        await gate.open();

        const applied = await Promise.all(replicas.map(appliedBy));
        expect(applied.sort((a, b) => b.length - a.length)).toEqual([migrationNames, []]);
        await expectNextStartHasNothingToDo(url);
      },
    );

    it(
      "one killed while migrating does not block the replica waiting behind it, which finishes the job",
      { timeout: 90_000 },
      async () => {
        const gate = await closeGate(url);
        const first = startRunner(url, { name: "baton-test-first" });
        await waitFor(
          "the first replica to stop halfway",
          async () => (await advisoryWaiters(url)).atGate.includes("baton-test-first"),
          [first],
        );
        const second = startRunner(url, { name: "baton-test-second" });
        await waitFor(
          "the second replica to wait for the first",
          async () => (await advisoryWaiters(url)).elsewhere.includes("baton-test-second"),
          [second],
        );
        await killed(first);
        await gate.open();

        expect(await appliedBy(second)).toEqual(migrationNames.slice(migrationNames.indexOf(pausingMigration)));
        await expectNextStartHasNothingToDo(url);
      },
    );
  },
);

describe("a database an earlier Baton left blocked (an unfinished row: the state issue 15 reports)", () => {
  it("applies an unapplied leftover again by itself; stops at an applied one with SQL that resolves it", async () => {
    const pglite = new PGlite();
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    try {
      const firstOnly = path.join(scratch, "first-only");
      await cp(path.join(migrationsDir, migrationNames[0]!), path.join(firstOnly, migrationNames[0]!), {
        recursive: true,
      });
      await applyMigrations({ kind: "pglite", pglite }, { migrationsDir: firstOnly });
      // What the schema engine left when its process was killed mid-script: started, never finished, no error.
      const leftover = async (name: string) => {
        const script = (await readMigrationsFolder(migrationsDir)).migrationDirectories.find(
          (dir) => dir.path === name,
        )!.migrationFile.content.value;
        await pglite.query(
          'INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name") VALUES ($1, $2, $3)',
          [randomUUID(), createHash("sha256").update(script).digest("hex"), name],
        );
      };
      await leftover(pausingMigration);

      const logger = recordingLogger();
      expect(await applyMigrations({ kind: "pglite", pglite }, { migrationsDir, logger })).toEqual(
        migrationNames.slice(1),
      );
      expect(logger.find("warn", pausingMigration)?.msg).toMatch(/left unfinished by an earlier start/);
      await expectFullyMigratedAndWorking({ prisma });

      // On PostgreSQL the server could finish and commit the script after the old process died,
      // leaving the row unfinished: applying it again fails, and must say how to get out.
      const last = migrationNames.at(-1)!;
      await pglite.query('DELETE FROM "_prisma_migrations" WHERE "migration_name" = $1', [last]);
      await leftover(last);
      for (let start = 0; start < 2; start++) {
        const error = await applyMigrations({ kind: "pglite", pglite }, { migrationsDir }).catch(
          (caught: Error) => caught,
        );
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toContain(last);
        expect((error as Error).message).toMatch(
          start === 0 ? /applying it again failed: .*already exists/ : /found failed migrations/,
        );
      }
      const message = (await applyMigrations({ kind: "pglite", pglite }, { migrationsDir }).catch(
        (caught: Error) => caught,
      )) as Error;
      const markApplied =
        /in SQL: (UPDATE "_prisma_migrations" SET "finished_at" = now\(\).*? IS NULL AND "rolled_back_at" IS NULL)\)/.exec(
          message.message,
        )?.[1];
      expect(markApplied).toBeDefined();
      await pglite.exec(markApplied!);
      expect(await applyMigrations({ kind: "pglite", pglite }, { migrationsDir })).toEqual([]);
      await expectFullyMigratedAndWorking({ prisma });
    } finally {
      await prisma.$disconnect();
      await pglite.close();
    }
  });
});
