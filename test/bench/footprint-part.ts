// Part 6: what Baton holds at rest, as the Docker image runs it (`node dist/main.js`, built first),
// on each store with nothing configured but the database: the embedded default is the sandbox.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createBenchDatabase, type BenchStore } from "./databases.js";

export interface FootprintRow {
  store: BenchStore;
  /** Resident memory once started and settled, nothing received. */
  idleRssMb: number;
  /** Milliseconds from the process start to /healthz answering. */
  startMs: number;
}

/** How long the process is left alone after /healthz answers, before its memory is read. */
const SETTLE_MS = 5_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** VmRSS of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(/(\d+)/.exec(line ?? "")?.[1] ?? NaN) / 1024;
}

async function footprintOn(store: BenchStore, postgresServer: string | undefined): Promise<FootprintRow> {
  const db = await createBenchDatabase(store, postgresServer);
  try {
    const port = await freePort();
    const started = performance.now();
    // Only what Baton needs to start: no credentials of the shell leak in.
    const child = spawn(process.execPath, ["dist/main.js"], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    try {
      let startMs = 0;
      for (const deadline = performance.now() + 120_000; !startMs; await sleep(100)) {
        if (performance.now() > deadline) throw new Error(`Baton did not answer /healthz on ${store} within 120 s`);
        if (child.exitCode !== null) throw new Error(`Baton exited (${child.exitCode}) on ${store}`);
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) startMs = performance.now() - started;
      }
      await sleep(SETTLE_MS);
      return { store, idleRssMb: rssMb(child.pid!), startMs };
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    }
  } finally {
    await db.drop();
  }
}

export async function runFootprint(
  stores: BenchStore[],
  postgresServer: string | undefined,
  build: () => Promise<void>,
  log: (line: string) => void,
): Promise<FootprintRow[]> {
  log("  building dist/ (npm run build), as the image does");
  await build();
  const rows: FootprintRow[] = [];
  for (const store of stores) {
    const row = await footprintOn(store, postgresServer);
    log(
      `  ${store.padEnd(8)} node dist/main.js at rest: RSS ${row.idleRssMb.toFixed(0)} MB (ready in ${row.startMs.toFixed(0)} ms)`,
    );
    rows.push(row);
  }
  return rows;
}
