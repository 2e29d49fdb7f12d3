// Creates an embedded PGlite data directory (initdb) in a process of its own, then exits.
//
// Why apart: initdb grows PGlite's WebAssembly memory to ~570 MB, and WebAssembly memory never
// shrinks, so a Baton that ran initdb itself would keep that for its whole life (measured: RSS
// 710 MB after a first start, 264 MB after a restart on the same directory).
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";

/**
 * PGlite's settings. PostgreSQL's shared memory is allocated zeroed inside PGlite's WebAssembly
 * memory, so every MB of it is resident from the start and never returned: 32 MB of buffers and
 * 4 MB of WAL buffers were 30 MB of Baton's idle RSS (measured). A rooftop's working set is a few
 * MB, and the OS caches the files as well.
 */
export const PGLITE_OPTIONS: PGliteOptions = { postgresqlconf: ["shared_buffers = 8MB", "wal_buffers = 1MB"] };

/** Runs initdb for `dataDir` in a child process when the directory holds no database yet. */
export async function createPGliteDirApart(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  // This very file runs in the child: built JavaScript as is, TypeScript (npm start, tests) under tsx.
  const file = fileURLToPath(import.meta.url);
  // The loader by its path: Baton may run from any directory (a service's working directory).
  const execArgv = file.endsWith(".ts")
    ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href]
    : [];
  const child = fork(file, [dataDir], { execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  const reason = stderr
    .split("\n")
    .find((line) => /error/i.test(line))
    ?.trim();
  if (code !== 0) throw new Error(`creating the embedded database failed (exit ${code})${reason ? `: ${reason}` : ""}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pglite = new PGlite(process.argv[2]!, PGLITE_OPTIONS);
  await pglite.waitReady;
  await pglite.close();
}
