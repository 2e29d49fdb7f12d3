// Part 3: reps clicking Claim on handoff cards, all at once. The acknowledgement is Slack's 3-second
// deadline; the card update (chat.update reaching the fake Slack) is what the other reps see.
import { startChild, type BenchChild } from "./child.js";
import { createBenchDatabase, type BenchStore } from "./databases.js";
import { startBatonServer, type WorldReady } from "./inbound-part.js";
import type { BenchOptions } from "./options.js";
import { summarize, type Summary } from "./stats.js";

export interface ClaimResult {
  store: BenchStore;
  concurrency: number;
  rounds: number;
  clicks: number;
  ack: Summary;
  /** The same bursts answered by the floor (Express, Bolt's signature check, the payload parsed, 200): the framework's own share. */
  floorAck: Summary;
  update: Summary;
  errors: number;
  errorKinds: Record<string, number>;
  missingUpdates: number;
}

interface ClaimRound {
  clicks: number;
  ack: number[];
  update: number[];
  errors: number;
  errorKinds: Record<string, number>;
  missingUpdates: number;
}

export async function runClaims(
  store: BenchStore,
  postgresServer: string | undefined,
  world: BenchChild<WorldReady>,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<ClaimResult> {
  const db = await createBenchDatabase(store, postgresServer);
  try {
    const baton = await startBatonServer(db.url, world, options, `claim-${store}`);
    try {
      const url = baton.ready.url;
      const round = async (n: number, index: number) => {
        await world.call("makeCards", { url, n, timeoutMs: 60_000 });
        await baton.call("idle"); // the handoffs are done: only the clicks are measured
        const result = await world.call<ClaimRound>("claimAll", { url, round: index, timeoutMs: 30_000 });
        await baton.call("idle");
        return result;
      };
      await round(20, 0); // warm-up, not recorded
      const rounds: ClaimRound[] = [];
      for (let i = 1; i <= options.claimRounds; i++) {
        const r = await round(options.claimConcurrency, i);
        rounds.push(r);
        const ack = summarize(r.ack);
        const update = summarize(r.update);
        log(
          `  ${store.padEnd(8)} round ${i}: ${r.clicks} clicks at once, ack p99 ${ack.p99.toFixed(1)} ms, card update p99 ${update.p99.toFixed(1)} ms, ${r.errors} errors`,
        );
      }
      const floorAck = await floorClicks(world, options, log);
      const errorKinds: Record<string, number> = {};
      for (const r of rounds)
        for (const [k, v] of Object.entries(r.errorKinds)) errorKinds[k] = (errorKinds[k] ?? 0) + v;
      return {
        store,
        concurrency: options.claimConcurrency,
        rounds: rounds.length,
        clicks: rounds.reduce((n, r) => n + r.clicks, 0),
        ack: summarize(rounds.flatMap((r) => r.ack)),
        floorAck,
        update: summarize(rounds.flatMap((r) => r.update)),
        errors: rounds.reduce((n, r) => n + r.errors, 0),
        errorKinds,
        missingUpdates: rounds.reduce((n, r) => n + r.missingUpdates, 0),
      };
    } finally {
      await baton.stop();
    }
  } finally {
    await db.drop();
  }
}

/** The same number of bursts of the same clicks at the floor server, after a warm-up burst. */
async function floorClicks(world: BenchChild<WorldReady>, options: BenchOptions, log: (line: string) => void) {
  const floor = await startChild<{ url: string }>("floor-server");
  try {
    const burst = (round: number) =>
      world.call<{ ack: number[]; errors: number }>("floorClicks", {
        url: floor.ready.url,
        n: options.claimConcurrency,
        round,
      });
    await burst(0);
    const acks: number[] = [];
    for (let i = 1; i <= options.claimRounds; i++) {
      const r = await burst(i);
      if (r.errors > 0) throw new Error(`the floor refused ${r.errors} of ${options.claimConcurrency} clicks`);
      acks.push(...r.ack);
    }
    const ack = summarize(acks);
    log(
      `  floor    ${options.claimConcurrency} clicks at once, ${options.claimRounds} rounds: ack p99 ${ack.p99.toFixed(1)} ms`,
    );
    return ack;
  } finally {
    await floor.stop();
  }
}
