// `npm run bench [-- --quick]`: how fast Baton answers under load, beside the bare framework in
// the same run (issue 9). Everything runs on 127.0.0.1 and stops by itself: Baton, the floor
// server and the load generator with the fake Twilio and Slack are separate processes.
// Prints tables and writes test-artifacts/bench/results/latest.json and a dated copy beside it.
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startChild } from "./child.js";
import { runClaims } from "./claim-part.js";
import { OUTPUT_DIR } from "./constants.js";
import { dropStaleBenchDatabases, findPostgresServer, type BenchStore } from "./databases.js";
import { runFloor, runInbound, type WorldReady } from "./inbound-part.js";
import { runJudge } from "./judge-part.js";
import { runFootprint } from "./footprint-part.js";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseOptions } from "./options.js";
import { summarizeProfile } from "./profile-summary.js";
import { formatReport, toJson, type BenchResults } from "./report.js";
import { runScheduler } from "./scheduler-part.js";
import { TEXTS } from "./texts.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const date = new Date();
  process.chdir(root);
  if (options.profile) await rm(path.join(root, OUTPUT_DIR, "profiles"), { recursive: true, force: true });

  let postgres: string | undefined;
  let stores: BenchStore[] = options.stores;
  if (stores.includes("postgres")) {
    const found = await findPostgresServer();
    postgres = found.url;
    log(postgres ? `PostgreSQL server from ${found.note}` : `PostgreSQL rows skipped: ${found.note}`);
    if (postgres) await dropStaleBenchDatabases(postgres).catch(() => {});
    else stores = stores.filter((s) => s !== "postgres");
  }

  const results: BenchResults = {
    meta: {
      date: date.toISOString(),
      mode: options.quick ? "quick" : "full",
      cores: availableParallelism(),
      cpu: cpus()[0]?.model.trim() ?? "unknown",
      node: process.version,
      load_average_at_start: (await import("node:os")).loadavg().map((n) => Math.round(n * 100) / 100),
      warmup_s: options.warmupMs / 1000,
      measure_s: options.measureMs / 1000,
      concurrencies: options.concurrencies,
      texts: TEXTS,
      handoff_share: `1 in ${TEXTS.length}`,
      customers: "a new customer per webhook (new Customer and Conversation rows); flood limit never reached",
    },
    inbound: [],
    floor: [],
    steady: [],
    memory: [],
    claims: [],
    scheduler: [],
  };

  if (options.parts.includes("judge")) {
    log("Text judge: model load, memory and one decision, in a fresh process");
    results.judge = await runJudge(log);
  }
  if (options.parts.includes("footprint")) {
    log("Footprint: node dist/main.js at rest, nothing configured but the database");
    const build = async () => void (await promisify(execFile)("npm", ["run", "--silent", "build"], { cwd: root }));
    results.footprint = await runFootprint(stores, postgres, build, log, options.footprintStarts);
  }
  const world = await startChild<WorldReady>("world");
  try {
    if (options.parts.includes("floor")) {
      log("Floor: Express 5 + urlencoded + validateRequest");
      results.floor = await runFloor(world, options, log);
    }
    if (options.parts.includes("inbound")) {
      for (const store of stores) {
        log(`Inbound on ${store}`);
        const { rows, steady, memory, database } = await runInbound(store, postgres, world, options, log);
        results.inbound.push(...rows);
        results.steady!.push(...steady);
        results.memory!.push(memory);
        results.meta[`database_${store}`] = database;
      }
    }
    if (options.parts.includes("claim")) {
      for (const store of stores) {
        log(`Claim clicks on ${store}`);
        results.claims.push(await runClaims(store, postgres, world, options, log));
      }
    }
  } finally {
    await world.stop();
  }
  if (options.parts.includes("scheduler")) {
    for (const store of stores) {
      log(`Scheduler on ${store}`);
      results.scheduler.push(...(await runScheduler(store, postgres, options, log)));
    }
  }
  results.meta.duration_s = Math.round((performance.now() - started) / 1000);

  console.log(`\n${formatReport(results)}\n`);
  const dir = path.join(root, OUTPUT_DIR, "results");
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(toJson(results), null, 2)}\n`;
  const stamp = date
    .toISOString()
    .replace(/[:]/g, "-")
    .replace(/\.\d+Z$/, "Z");
  await writeFile(path.join(dir, "latest.json"), json);
  await writeFile(path.join(dir, `${stamp}.json`), json);
  console.log(
    `Written: ${OUTPUT_DIR}/results/latest.json and ${OUTPUT_DIR}/results/${stamp}.json (${results.meta.duration_s} s)`,
  );

  if (options.profile) {
    // Baton's main thread: the largest profile of each server (the others are tsx's loader thread).
    const profiles = path.join(root, OUTPUT_DIR, "profiles");
    for (const label of (await readdir(profiles)).sort()) {
      const files = await readdir(path.join(profiles, label));
      const sized = await Promise.all(
        files.map(async (f) => ({ f, size: (await stat(path.join(profiles, label, f))).size })),
      );
      const main = sized.sort((a, b) => b.size - a.size)[0];
      if (main) console.log(`\n${summarizeProfile(path.join(profiles, label, main.f), 25)}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
