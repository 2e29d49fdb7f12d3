// A process that migrates a database and exits, for tests that kill it mid-migration or run
// several at once. Not a test file itself (vitest collects *.test.ts only).
//
//   node --import tsx migrating-process.ts <DATABASE_URL> <migrationsDir> [pauseSeconds]
//
// PostgreSQL: starts the way Baton does (openDatabase); PGAPPNAME in the environment names its
// sessions, so a test can find them in pg_stat_activity and pg_locks.
// PGlite (file:<dir>): a PGlite holds one session and no other process can look inside, so this
// opens the data directory itself, sets baton.test_pause_seconds on that session (the fixture
// migration sleeps that long), and prints {"pausing":true} just before it sends a statement that
// calls pg_sleep. Then it applies the migrations exactly as openDatabase does.
// On success it prints {"applied":[...]} and exits 0; on failure the message goes to stderr, exit 1.
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_OPTIONS } from "../../../src/adapters/store/prisma/create-pglite-dir.js";
import { openDatabase } from "../../../src/adapters/store/prisma/open-database.js";
import { applyMigrations } from "../../../src/adapters/store/prisma/apply-migrations.js";

async function migrate(url: string, migrationsDir: string, pauseSeconds: number): Promise<string[]> {
  if (!url.startsWith("file:")) {
    const db = await openDatabase(url, { migrationsDir });
    await db.close();
    return db.appliedMigrations;
  }
  const pglite = new PGlite(url.slice("file:".length), PGLITE_OPTIONS);
  await pglite.waitReady;
  await pglite.exec(`SET baton.test_pause_seconds = '${pauseSeconds}'`);
  try {
    return await applyMigrations({ kind: "pglite", pglite: announcingPauses(pglite) }, { migrationsDir });
  } finally {
    await pglite.close();
  }
}

/** The same PGlite, printing a line (synchronously: stdout is a pipe) before any statement that sleeps. */
function announcingPauses(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (property !== "query" && property !== "exec") return method;
      return (sql: unknown, ...rest: unknown[]) => {
        if (typeof sql === "string" && sql.includes("pg_sleep"))
          process.stdout.write(`${JSON.stringify({ pausing: true })}\n`);
        return method(sql, ...rest);
      };
    },
  });
}

const [url, migrationsDir, pause] = process.argv.slice(2);
if (!url || !migrationsDir) {
  console.error("usage: migrating-process.ts <DATABASE_URL> <migrationsDir> [pauseSeconds]");
  process.exit(2);
}
migrate(url, migrationsDir, Number(pause ?? 0)).then(
  (applied) => {
    process.stdout.write(`${JSON.stringify({ applied })}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
