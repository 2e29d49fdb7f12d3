// Part 6: what Baton holds at rest, as the Docker image runs it (`node dist/main.js`, built first,
// with the image's memory settings and node flags), on each store with nothing configured but the
// database: the embedded default is the sandbox. Also without them, as a bare `node dist/main.js`.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createBenchDatabase, type BenchStore } from "./databases.js";

export interface FootprintRow {
  store: BenchStore;
  /** Resident memory once started and settled, nothing received, with the image's environment (median of the starts). */
  idleRssMb: number;
  /** The same as a bare `node dist/main.js`: glibc's default arenas, V8's default compilers. */
  plainIdleRssMb: number;
  /** Milliseconds from the process start to /healthz answering (median, image environment). */
  startMs: number;
  starts: number;
}

/**
 * How the image starts Baton: the memory settings of its environment (Dockerfile ENV) and the
 * node flags of its CMD, so the figure is the image's own. MALLOC_ARENA_MAX caps glibc's
 * per-thread arenas, which otherwise keep freed memory; the flags say how V8 compiles.
 */
export function imageLaunch(dockerfile = readFileSync("Dockerfile", "utf8")): {
  env: Record<string, string>;
  nodeFlags: string[];
} {
  const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
  const env: Record<string, string> = {};
  for (const [, name, value] of runtime.matchAll(/\b(MALLOC_[A-Z_]+)=(\S+)/g)) env[name!] = value!;
  const cmd = /^CMD (\[.*\])$/m.exec(runtime)?.[1];
  const argv = cmd ? (JSON.parse(cmd) as string[]) : [];
  return { env, nodeFlags: argv.slice(1).filter((a) => a.startsWith("--")) };
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function footprintOn(
  store: BenchStore,
  postgresServer: string | undefined,
  starts: number,
): Promise<FootprintRow> {
  const image: { rss: number; ms: number }[] = [];
  const plain: number[] = [];
  // Alternated, so a drift of the machine touches both alike; the start-to-start spread is tens of MB.
  for (let i = 0; i < starts; i++) {
    image.push(await startOnce(store, postgresServer, imageLaunch()));
    plain.push((await startOnce(store, postgresServer, { env: {}, nodeFlags: [] })).rss);
  }
  return {
    store,
    idleRssMb: median(image.map((s) => s.rss)),
    plainIdleRssMb: median(plain),
    startMs: median(image.map((s) => s.ms)),
    starts,
  };
}

async function startOnce(
  store: BenchStore,
  postgresServer: string | undefined,
  launch: ReturnType<typeof imageLaunch>,
): Promise<{ rss: number; ms: number }> {
  const db = await createBenchDatabase(store, postgresServer);
  try {
    const port = await freePort();
    const started = performance.now();
    // Only what Baton needs to start: no credentials of the shell leak in.
    const child = spawn(process.execPath, [...launch.nodeFlags, "dist/main.js"], {
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: db.url, PORT: String(port), LOG_LEVEL: "warn", ...launch.env },
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
      return { rss: rssMb(child.pid!), ms: startMs };
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
  starts: number,
): Promise<FootprintRow[]> {
  log("  building dist/ (npm run build), as the image does");
  await build();
  const rows: FootprintRow[] = [];
  for (const store of stores) {
    const row = await footprintOn(store, postgresServer, starts);
    const { env, nodeFlags } = imageLaunch();
    const how = [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...nodeFlags].join(" ");
    log(
      `  ${store.padEnd(8)} node dist/main.js at rest, median of ${starts}: RSS ${row.idleRssMb.toFixed(0)} MB as the image starts it (${how || "no settings"}), ${row.plainIdleRssMb.toFixed(0)} MB without (ready in ${row.startMs.toFixed(0)} ms)`,
    );
    rows.push(row);
  }
  return rows;
}
