// One scheduler size in a fresh process, so the RSS it reports is this size's alone: seeds N
// conversations with a planned nudge each (100 due) by bulk SQL, then times real ticks with
// scheduler-tick.ts's `measure`. Started by npm run bench (scheduler-part.ts).
import { openDatabase } from "../../src/adapters/store/prisma/open-database.js";
import { parentSettings, serveParent } from "./child.js";
import { createBenchDatabase, type BenchStore } from "./databases.js";
import { measure } from "./scheduler-tick.js";

const settings = parentSettings();
const store = settings.store as BenchStore;
const size = Number(settings.size);
const target = await createBenchDatabase(store, settings.server || undefined);
const db = await openDatabase(target.url);
const mb = (bytes: number) => bytes / 2 ** 20;

serveParent(
  { pid: process.pid },
  {
    async run() {
      try {
        await measure(db, 1_000); // warm-up: JIT and the query compiler, as scheduler-tick.ts does
        const t0 = performance.now();
        const { tickMs, claimMs, statementsPerJob } = await measure(db, size, { cleanUp: false });
        return {
          store,
          description: db.description,
          conversations: size,
          tickMs,
          claimMs,
          statementsPerJob,
          seedAndMeasureS: (performance.now() - t0) / 1000,
          rssMb: mb(process.memoryUsage().rss),
          peakRssMb: process.resourceUsage().maxRSS / 1024,
        };
      } finally {
        await db.close();
        await target.drop();
      }
    },
  },
);
