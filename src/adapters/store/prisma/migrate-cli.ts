// `npm run migrate` and `npm run db:migration -- <name>`: Prisma's migrate deploy and migrate dev
// (create only) through the WebAssembly schema engine, so they work without downloading an engine.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadDotEnv } from "../../../config/load-dotenv.js";
import type { Logger } from "../../../core/ports/logger.js";
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  readMigrationsFolder,
} from "./migrations-folder.js";
import { openDatabase } from "./open-database.js";
import { diffNextMigration } from "./schema-engine.js";

const USAGE = `Usage:
  npm run migrate                      apply pending migrations to the database DATABASE_URL names
  npm run db:migration -- <name>       write prisma/migrations/<timestamp>_<name>/migration.sql from prisma/schema.prisma`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === "apply" && rest.length === 0) return apply();
  if (command === "create" && rest.length === 1 && rest[0]) return create(rest[0]);
  console.error(command === "create" ? `Give the migration one name, e.g. add_follow_ups.\n${USAGE}` : USAGE);
  return 2;
}

/** Progress at the terminal: each migration as it starts, and a wait for another process's run. */
const progress: Logger = {
  debug() {},
  info: (fields, message) => {
    if (!("appliedMigrations" in fields)) console.log(describe(fields, message)); // the summary is apply()'s to print
  },
  warn: (fields, message) => console.warn(describe(fields, message)),
  error: (fields, message) => console.error(describe(fields, message)),
};

function describe(fields: object, message = ""): string {
  const migration = (fields as { migration?: unknown }).migration;
  return typeof migration === "string" ? `${message}: ${migration}` : message;
}

async function apply(): Promise<number> {
  const db = await openDatabase(process.env.DATABASE_URL, { migrate: true, logger: progress });
  try {
    if (db.appliedMigrations.length === 0) console.log(`${db.description}: already up to date.`);
    else console.log(`${db.description}: applied ${db.appliedMigrations.join(", ")}.`);
    return 0;
  } finally {
    await db.close();
  }
}

async function create(rawName: string): Promise<number> {
  // Folder names become _prisma_migrations.migration_name (255 characters at most).
  const name = rawName
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (!name) {
    console.error(`"${rawName}" has no letters or digits to name a migration.\n${USAGE}`);
    return 2;
  }
  const sql = await diffNextMigration();
  if (sql === null) {
    console.log(`No changes: ${relative(DEFAULT_SCHEMA_PATH)} matches the migrations; nothing written.`);
    return 0;
  }
  const folder = `${timestamp(new Date())}_${name}`;
  const existing = (await readMigrationsFolder()).migrationDirectories.map((dir) => dir.path);
  const last = existing.at(-1);
  if (last !== undefined && folder.localeCompare(last) <= 0) {
    // Migrations apply in name order; a new one must sort last (a clock behind, or two in one second).
    console.error(`${folder} would not sort after the latest migration ${last}; try again in a second.`);
    return 1;
  }
  const dir = path.join(DEFAULT_MIGRATIONS_DIR, folder);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql, "utf8");
  const lockFile = path.join(DEFAULT_MIGRATIONS_DIR, MIGRATION_LOCK_FILE);
  if (!existsSync(lockFile)) await writeFile(lockFile, MIGRATION_LOCK_CONTENT, "utf8");
  console.log(`Wrote ${relative(path.join(dir, "migration.sql"))}. Review it, then run npm run migrate.`);
  return 0;
}

/** YYYYMMDDHHMMSS in UTC, as Prisma names migration folders. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

loadDotEnv();

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Messages from openDatabase and the engine are written to be shown; they carry no password.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
