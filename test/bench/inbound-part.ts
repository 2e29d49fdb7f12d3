// Parts 1 and 2: signed inbound webhooks at rising concurrency, against Baton on each store and
// against the floor (the bare framework stack), with the same load generator in the same run.
import { imageLaunch } from "./footprint-part.js";
import { startChild, type BenchChild } from "./child.js";
import { OUTPUT_DIR } from "./constants.js";
import { createBenchDatabase, type BenchStore } from "./databases.js";
import type { BenchOptions } from "./options.js";
import { machineBusySeconds, processCpuSeconds } from "./proc-cpu.js";
import type { Summary } from "./stats.js";

export interface WorldReady {
  twilioUrl: string;
  slackUrl: string;
}

export interface InboundStep {
  recorded: number;
  /** Every webhook of the step, the warm-up's too. */
  sent: number;
  rps: number;
  windowMs: number;
  latency: Summary;
  errors: number;
  errorKinds: Record<string, number>;
  replies: Summary;
  repliesPerSecond: number;
  missingReplies: number;
  drainMs: number;
  /** Replies per second after the load stopped, when there was a backlog to drain. */
  drainRepliesPerSecond?: number;
  drained: boolean;
  worldCpuPct: number;
}

export interface InboundRow extends InboundStep {
  target: BenchStore | "floor";
  concurrency: number;
  serverCpuPct: number;
  pgCpuPct?: number;
  /** Every process on the machine (200% = both cores busy): what is left after Baton, PostgreSQL and the load generator is someone else's. */
  machineCpuPct?: number;
  serverLoopP99Ms?: number;
  serverRssMb: number;
  /** Database statements (round trips) per text, counted by Baton over the step, its warm-up and its answers. */
  statementsPerText?: number;
}

/** Baton's memory on one store: at rest before the first text, and the highest seen under the load. */
export interface MemoryRow {
  target: BenchStore;
  idleRssMb: number;
  peakRssMb: number;
}

/** Texts arriving at a fixed rate (open loop), as a carrier delivers them. */
export interface SteadyRow {
  target: BenchStore;
  ratePerSecond: number;
  sent: number;
  latency: Summary;
  replies: Summary;
  errors: number;
  errorKinds: Record<string, number>;
  missingReplies: number;
  statementsPerText?: number;
}

interface ServerStats {
  cpuSeconds: number;
  rssMb: number;
  peakRssMb: number;
  loopP99Ms?: number;
}

/** Baton's process, on `databaseUrl`, talking to the world's fakes. */
export function startBatonServer(
  databaseUrl: string,
  world: BenchChild<WorldReady>,
  options: BenchOptions,
  label: string,
) {
  // Started as the image starts Baton (its node flags and memory settings), so the figures are the image's.
  const launch = imageLaunch();
  return startChild<{ url: string; database: string; brain: string }>("baton-server", {
    settings: { databaseUrl, twilioUrl: world.ready.twilioUrl, slackUrl: world.ready.slackUrl },
    env: launch.env,
    // One profile per thread (tsx's loader runs in a worker): the main thread's is the largest file.
    execArgv: [
      ...launch.nodeFlags,
      ...(options.profile ? ["--cpu-prof", `--cpu-prof-dir=${OUTPUT_DIR}/profiles/${label}`] : []),
    ],
  });
}

async function runSteps(
  target: BenchStore | "floor",
  server: BenchChild<{ url: string }>,
  world: BenchChild<WorldReady>,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<{ rows: InboundRow[]; peakRssMb: number }> {
  const expectReplies = target !== "floor";
  const step = (concurrency: number, warmupMs: number, measureMs: number) =>
    world.call<InboundStep>("inbound", {
      url: server.ready.url,
      concurrency,
      warmupMs,
      measureMs,
      expectReplies,
      drainTimeoutMs: options.drainTimeoutMs,
    });
  // JIT, connection pools and the query compiler warm up before anything is recorded.
  await step(8, options.serverWarmupMs, 100);
  await server.call("idle");
  const rows: InboundRow[] = [];
  let peakRssMb = 0;
  for (const concurrency of options.concurrencies) {
    const statements0 = expectReplies ? await server.call<number>("statements") : undefined;
    const before = await server.call<ServerStats>("stats");
    const pg0 = target === "postgres" ? processCpuSeconds("postgres") : undefined;
    const machine0 = machineBusySeconds();
    const t0 = performance.now();
    const result = await step(concurrency, options.warmupMs, options.measureMs);
    const loadMs = options.warmupMs + result.windowMs;
    const after = await server.call<ServerStats>("stats");
    const pg1 = target === "postgres" ? processCpuSeconds("postgres") : undefined;
    const machine1 = machineBusySeconds();
    const wallMs = performance.now() - t0;
    await server.call("idle");
    const statements1 = expectReplies ? await server.call<number>("statements") : undefined;
    peakRssMb = Math.max(peakRssMb, after.peakRssMb);
    const row: InboundRow = {
      target,
      concurrency,
      ...result,
      // Over the load and the drain: the work the step caused, per second of the step.
      serverCpuPct: ((after.cpuSeconds - before.cpuSeconds) * 100_000) / wallMs,
      ...(pg0 !== undefined && pg1 !== undefined ? { pgCpuPct: ((pg1 - pg0) * 100_000) / wallMs } : {}),
      ...(machine0 !== undefined && machine1 !== undefined
        ? { machineCpuPct: ((machine1 - machine0) * 100_000) / wallMs }
        : {}),
      ...(after.loopP99Ms !== undefined ? { serverLoopP99Ms: after.loopP99Ms } : {}),
      serverRssMb: after.rssMb,
      ...(statements0 !== undefined && statements1 !== undefined && result.sent > 0
        ? { statementsPerText: (statements1 - statements0) / result.sent }
        : {}),
    };
    rows.push(row);
    log(
      `  ${target.padEnd(8)} ${String(concurrency).padStart(3)} in flight: ${row.rps.toFixed(0).padStart(5)}/s, p99 ${row.latency.p99.toFixed(1)} ms` +
        (expectReplies
          ? `, reply p99 ${row.replies.p99.toFixed(1)} ms, ${row.missingReplies} unanswered, ${row.statementsPerText?.toFixed(1)} statements/text`
          : "") +
        `, ${row.errors} errors (load ${(loadMs / 1000).toFixed(1)} s, step ${(wallMs / 1000).toFixed(1)} s)`,
    );
  }
  return { rows, peakRssMb };
}

export async function runFloor(
  world: BenchChild<WorldReady>,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<InboundRow[]> {
  const floor = await startChild<{ url: string }>("floor-server");
  try {
    return (await runSteps("floor", floor, world, options, log)).rows;
  } finally {
    await floor.stop();
  }
}

export async function runInbound(
  store: BenchStore,
  postgresServer: string | undefined,
  world: BenchChild<WorldReady>,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<{ rows: InboundRow[]; steady: SteadyRow[]; memory: MemoryRow; database: string }> {
  const db = await createBenchDatabase(store, postgresServer);
  try {
    const baton = await startBatonServer(db.url, world, options, `inbound-${store}`);
    try {
      log(`  Baton on ${baton.ready.database}, brain: ${baton.ready.brain}`);
      // At rest: started, migrated, nothing received yet (under tsx, with Slack and Twilio on).
      const idleRssMb = (await baton.call<ServerStats>("stats")).rssMb;
      const stepped = await runSteps(store, baton, world, options, log);
      let peakRssMb = stepped.peakRssMb;
      const rows = stepped.rows;
      const steady: SteadyRow[] = [];
      for (const ratePerSecond of options.steadyRates) {
        const statements0 = await baton.call<number>("statements");
        const result = await world.call<Omit<SteadyRow, "target" | "ratePerSecond">>("steady", {
          url: baton.ready.url,
          ratePerSecond,
          durationMs: options.steadyMs,
          drainTimeoutMs: options.drainTimeoutMs,
        });
        await baton.call("idle");
        const statementsPerText = ((await baton.call<number>("statements")) - statements0) / Math.max(1, result.sent);
        peakRssMb = Math.max(peakRssMb, (await baton.call<ServerStats>("stats")).peakRssMb);
        steady.push({ target: store, ratePerSecond, ...result, statementsPerText });
        log(
          `  ${store.padEnd(8)} ${String(ratePerSecond).padStart(3)} texts/s arriving: webhook p99 ${result.latency.p99.toFixed(1)} ms, ` +
            `reply p50 ${result.replies.p50.toFixed(1)} ms, p99 ${result.replies.p99.toFixed(1)} ms, ${result.missingReplies} unanswered, ${result.errors} errors, ${statementsPerText.toFixed(1)} statements/text`,
        );
      }
      const memory = { target: store, idleRssMb, peakRssMb };
      log(
        `  ${store.padEnd(8)} Baton's RSS: ${idleRssMb.toFixed(0)} MB at rest, ${peakRssMb.toFixed(0)} MB at the most`,
      );
      return { rows, steady, memory, database: baton.ready.database };
    } finally {
      await baton.stop();
    }
  } finally {
    await db.drop();
  }
}
