import type { BenchStore } from "./databases.js";

export type Part = "floor" | "inbound" | "claim" | "scheduler" | "judge" | "footprint";

export interface BenchOptions {
  quick: boolean;
  parts: Part[];
  stores: BenchStore[];
  concurrencies: number[];
  /** Unrecorded load before each step, and once before a server's first step. */
  warmupMs: number;
  serverWarmupMs: number;
  measureMs: number;
  /** How long to wait after a step for the replies still on their way. */
  drainTimeoutMs: number;
  /** Open-loop steps: texts arriving at these rates (per second), each for steadyMs. */
  steadyRates: number[];
  steadyMs: number;
  claimConcurrency: number;
  claimRounds: number;
  schedulerSizes: number[];
  /** Starts of `node dist/main.js` per store and setting; the median is reported. */
  footprintStarts: number;
  /** --profile: Baton runs under --cpu-prof; the top functions are printed at the end. */
  profile: boolean;
}

const PARTS: Part[] = ["judge", "footprint", "floor", "inbound", "claim", "scheduler"];

/** `npm run bench [-- --quick] [--only=inbound,claim] [--stores=postgres] [--profile]` */
export function parseOptions(argv: string[]): BenchOptions {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const unknown = argv.filter((a) => !/^--(quick|profile|only=.*|stores=.*)$/.test(a));
  if (unknown.length > 0)
    throw new Error(
      `unknown argument ${unknown[0]}; accepted: --quick, --only=${PARTS.join(",")}, --stores=pglite,postgres, --profile`,
    );
  const quick = flag("quick");
  const parts = (value("only")?.split(",") ?? PARTS) as Part[];
  const bad = parts.find((p) => !PARTS.includes(p));
  if (bad) throw new Error(`--only: unknown part ${bad} (parts: ${PARTS.join(", ")})`);
  const stores = (value("stores")?.split(",") ?? ["pglite", "postgres"]) as BenchStore[];
  if (stores.some((s) => s !== "pglite" && s !== "postgres")) throw new Error("--stores: pglite and/or postgres");
  return {
    quick,
    parts,
    stores,
    concurrencies: [1, 8, 32, 128],
    warmupMs: quick ? 200 : 2_000,
    serverWarmupMs: quick ? 500 : 3_000,
    measureMs: quick ? 1_000 : 10_000,
    // A full run leaves bigger backlogs (10 s windows); a text is only "unanswered" if it never comes.
    drainTimeoutMs: quick ? 60_000 : 300_000,
    steadyRates: quick ? [50] : [25, 50, 100],
    steadyMs: quick ? 1_500 : 10_000,
    claimConcurrency: 100,
    claimRounds: quick ? 1 : 5,
    schedulerSizes: quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000],
    footprintStarts: quick ? 1 : 3,
    profile: flag("profile"),
  };
}
