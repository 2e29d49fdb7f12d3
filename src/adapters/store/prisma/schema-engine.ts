// Prisma's schema engine compiled to WebAssembly: `migrate diff` (for `npm run db:migration`)
// without the native binary the Prisma CLI downloads on first use. Migrations are applied by
// apply-migrations.ts instead, with the driver, so each one commits with its bookkeeping row.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { DEFAULT_SCHEMA_PATH, MIGRATION_LOCK_CONTENT, readMigrationsFolder } from "./migrations-folder.js";

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface MigrationFolderOptions {
  /** @default prisma/migrations of this project */
  migrationsDir?: string;
  /** Receives the engine's JSON log lines (useful when a diff misbehaves). */
  onEngineLog?: (line: string) => void;
}

/** Node's WebAssembly global, which the `lib` settings here (ES2023, no DOM) leave untyped. */
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
    };
  }
).WebAssembly;

let bindingsReady: Promise<typeof engineBindings> | undefined;

/**
 * The package's entry imports the .wasm as an ES module, which Node 20 refuses, so we instantiate
 * the bytes here and hand the instance to its JS glue. Once per process: the glue holds one module.
 */
function loadEngineBindings(): Promise<typeof engineBindings> {
  bindingsReady ??= (async () => {
    const glue = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(glue.replace(/\.js$/, ".wasm"));
    const { instance } = await wasmApi.instantiate(bytes, { "./schema_engine_bg.js": engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return engineBindings;
  })();
  return bindingsReady;
}

/**
 * The SQL of the next migration: from the state the migrations folder builds (replayed on an
 * in-memory PGlite as the shadow database, so no server is needed) to the Prisma schema.
 * @returns the script, or null when the schema matches the migrations.
 */
export async function diffNextMigration(
  options: MigrationFolderOptions & { schemaPath?: string } = {},
): Promise<string | null> {
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const schema = await readFile(schemaPath, "utf8");
  const migrationsList = await readMigrationsFolder(options.migrationsDir);
  // The engine learns the connector from the lock file; before the first migration there is none yet.
  migrationsList.lockfile.content ??= MIGRATION_LOCK_CONTENT;

  const shadow = new PGlite();
  try {
    const adapter = scriptFixedFactory(new PrismaPGlite(shadow), (script) => shadow.exec(script));
    // The adapter's own shadow is a PGlite nobody closes; the diff touches only the shadow, so use ours.
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      connect: () => adapter.connect(),
      connectToShadowDb: () => adapter.connect(),
    };
    const result = await withEngine(factory, options, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
        script: true,
        exitCode: true, // 2 when there is something to migrate, 0 when not
        filters: NO_FILTER,
      }),
    );
    return result.exitCode === 2 && result.stdout ? result.stdout : null;
  } finally {
    await shadow.close();
  }
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: MigrationFolderOptions,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const bindings = await loadEngineBindings();
  const onLog = options.onEngineLog ?? (() => {});
  // Unwrapped, the engine calls connect() without its `this`; the binding also turns driver errors into results.
  const engine = await bindings.SchemaEngine.new(
    { datamodels: undefined },
    onLog,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await run(engine);
  } catch (error) {
    throw new Error(`Prisma schema engine: ${engineMessage(error)}`, { cause: error });
  } finally {
    engine.free();
  }
}

/** The engine's message without the Rust span trace after it ("   0: sql_schema_connector::..."), naming the migration. */
function engineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n");
  const traceStart = lines.findIndex((line) => /^\s+\d+: /.test(line));
  const message = (traceStart >= 0 ? lines.slice(0, traceStart) : lines).join("\n").trim();
  const migration = traceStart >= 0 ? /migration_name="([^"]+)"/.exec(text)?.[1] : undefined;
  return migration && !message.includes(migration) ? `migration ${migration} failed: ${message}` : message;
}

/**
 * The diff replays the migrations on the shadow PGlite through the adapter's executeScript, which in
 * pglite-prisma-adapter 0.7.2 does not await exec(): a failing migration would pass unnoticed and its
 * error crash the process. Here each script is sent whole, as native Prisma does, and its errors reach the engine.
 */
function scriptFixedFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
  runScript: (script: string) => Promise<unknown>,
): SqlMigrationAwareDriverAdapterFactory {
  const fix = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    // The adapter turns a driver error into Prisma's DriverAdapterError in a method its types do not export.
    const convert = (adapter as unknown as { onError?: (error: unknown) => never }).onError?.bind(adapter);
    adapter.executeScript = async (script) => {
      try {
        await runScript(script);
      } catch (error) {
        if (convert) convert(error);
        throw error;
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => fix(await factory.connect()),
    connectToShadowDb: async () => fix(await factory.connectToShadowDb()),
  };
}
