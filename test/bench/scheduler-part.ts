// Part 4: a scheduler tick with 100 due among N conversations, each size in a fresh process.
import { startChild } from "./child.js";
import type { BenchStore } from "./databases.js";
import { imageLaunch } from "./footprint-part.js";
import type { BenchOptions } from "./options.js";

export interface SchedulerRow {
  store: BenchStore;
  description: string;
  conversations: number;
  tickMs: number;
  claimMs: number;
  /** Database statements per nudge sent, counted over the tick (the claim's share included). */
  statementsPerJob?: number;
  seedAndMeasureS: number;
  rssMb: number;
  peakRssMb: number;
}

export async function runScheduler(
  store: BenchStore,
  postgresServer: string | undefined,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<SchedulerRow[]> {
  const rows: SchedulerRow[] = [];
  // Node's flags and memory settings as the image runs Baton, so the RSS is what a store would see.
  const launch = imageLaunch();
  for (const size of options.schedulerSizes) {
    const child = await startChild<{ pid: number }>("scheduler-size", {
      settings: { store, size: String(size), server: postgresServer ?? "" },
      env: launch.env,
      execArgv: launch.nodeFlags,
    });
    try {
      const row = await child.call<SchedulerRow>("run");
      rows.push(row);
      log(
        `  ${store.padEnd(8)} ${size.toLocaleString("en-US").padStart(9)} conversations: tick ${row.tickMs.toFixed(1)} ms (claim query ${row.claimMs.toFixed(1)} ms, ${row.statementsPerJob?.toFixed(1)} statements per nudge), ` +
          `RSS ${row.rssMb.toFixed(0)} MB, peak ${row.peakRssMb.toFixed(0)} MB (${row.seedAndMeasureS.toFixed(1)} s with seeding)`,
      );
    } finally {
      await child.stop();
    }
  }
  return rows;
}
