// `npm run bench:scheduler`: a scheduler tick costs what is due, not what is stored.
// Seeds 1,000 and then 100,000 AI-owned conversations, each with a pending nudge, of which 100
// are due, and times a real tick (claim with lease, the nudge handler, the SmsGateway, a no-op
// SMS sender). Prints both timings and the process's resident memory.
//
// BENCH_DATABASE_URL=postgresql://… measures a PostgreSQL server instead of in-memory PGlite:
// the bench creates a throwaway database there (baton_bench_<time>) and drops it at the end.
import { pathToFileURL } from "node:url";
import pg from "pg";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import { LogStaffChat } from "../../src/adapters/staff-chat/log/log-staff-chat.js";
import { openDatabase, type Database } from "../../src/adapters/store/prisma/open-database.js";
import { PrismaConversationStore } from "../../src/adapters/store/prisma/prisma-conversation-store.js";
import { PrismaFollowUpStore } from "../../src/adapters/store/prisma/prisma-follow-up-store.js";
import { PrismaJobStore } from "../../src/adapters/store/prisma/prisma-job-store.js";
import { DEFAULT_FOLLOW_UP_SETTINGS } from "../../src/core/follow-up/settings.js";
import { minimalKnowledge } from "../../src/core/knowledge/knowledge.js";
import { createBatonCore } from "../../src/core/create-baton-core.js";
import { silentLogger } from "../../src/core/ports/logger.js";
import type { SmsSender } from "../../src/core/ports/sms.js";
import { createRooftopDirectory } from "../../src/runtime/rooftop-directory.js";

const DUE = 100;
const RUNS = 5;
const NOW = new Date("2026-03-02T16:00:00Z"); // 10:00 in Chicago
const DEALER = "bench-dealer";

let sent = 0;
const noopSender: SmsSender = {
  name: "bench",
  send: async () => ({ providerId: `SMbench${++sent}`, status: "queued" }),
};

export async function seed(db: Database, conversations: number): Promise<void> {
  const p = db.prisma;
  await p.$executeRaw`INSERT INTO "Dealership" ("id", "name", "timezone", "smsNumber") VALUES (${DEALER}, 'Bench Motors', 'America/Chicago', '+15550000000') ON CONFLICT DO NOTHING`;
  await p.$executeRaw`
    INSERT INTO "Customer" ("id", "dealershipId", "phone", "updatedAt")
    SELECT 'bench-cu-' || g, ${DEALER}, '+1555' || lpad(g::text, 7, '0'), ${NOW} FROM generate_series(1, ${conversations}) g`;
  await p.$executeRaw`
    INSERT INTO "Conversation" ("id", "dealershipId", "customerId", "status", "updatedAt", "lastCustomerAt")
    SELECT 'bench-cv-' || g, ${DEALER}, 'bench-cu-' || g, 'ai', ${NOW}, ${NOW}::timestamp(3) - interval '1 day' FROM generate_series(1, ${conversations}) g`;
  // Every conversation has a nudge planned; the first 100 are due, the rest over the next three days.
  await p.$executeRaw`
    INSERT INTO "ScheduledJob" ("id", "type", "dealershipId", "conversationId", "dueAt", "payload")
    SELECT 'bench-job-' || g, 'nudge', ${DEALER}, 'bench-cv-' || g,
           CASE WHEN g <= ${DUE} THEN ${NOW}::timestamp(3) - interval '1 minute'
                ELSE ${NOW}::timestamp(3) + make_interval(secs => (g % 259200) + 60) END,
           jsonb_build_object('series', 'bench-' || g, 'silenceStart', '2026-03-01T16:00:00.000Z', 'attempt', 3, 'question', 'What day works for you?')
    FROM generate_series(1, ${conversations}) g`;
  await p.$executeRawUnsafe(`ANALYZE "ScheduledJob"`);
}

export async function cleanUp(db: Database): Promise<void> {
  for (const table of ["Message", "ScheduledJob", "Conversation", "Customer"]) {
    const column = table === "Message" ? `"conversationId"` : `"id"`;
    await db.prisma.$executeRawUnsafe(`DELETE FROM "${table}" WHERE ${column} LIKE 'bench-%'`);
  }
}

/** Median tick time over RUNS runs; between runs the 100 due nudges are put back. */
export async function measure(
  db: Database,
  conversations: number,
  options: { cleanUp?: boolean } = {},
): Promise<{ tickMs: number; claimMs: number; statementsPerJob: number }> {
  await seed(db, conversations);
  const clock = new ManualClock(NOW);
  const store = new PrismaConversationStore(db.prisma);
  const jobs = new PrismaJobStore(db.prisma);
  const timezone = "America/Chicago";
  const rooftops = createRooftopDirectory([
    {
      id: DEALER,
      name: "Bench Motors",
      timezone,
      smsNumber: "+15550000000",
      knowledge: minimalKnowledge("Bench Motors", timezone),
      followUps: DEFAULT_FOLLOW_UP_SETTINGS,
    },
  ]);
  // No pacing: the frozen clock would hold 99 of the 100 in their slots; this measures the tick.
  const scheduler = createBatonCore(
    {
      store,
      jobs,
      followUpStore: new PrismaFollowUpStore(db.prisma),
      sender: noopSender,
      staffChat: new LogStaffChat(silentLogger),
      brain: { name: "none", decide: () => Promise.reject(new Error("unused")) },
      clock,
      logger: silentLogger,
      rooftops,
    },
    { workerId: "bench", pacing: false },
  );

  const ticks: number[] = [];
  const claims: number[] = [];
  const statements: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await db.prisma.$executeRaw`DELETE FROM "Message" WHERE "conversationId" LIKE 'bench-%'`;
    await db.prisma
      .$executeRaw`UPDATE "ScheduledJob" SET "status" = 'pending', "attempts" = 0, "lockedBy" = NULL, "leaseUntil" = NULL WHERE "id" LIKE 'bench-job-%' AND "dueAt" <= ${NOW}`; // attempts too: each run claims twice, and the runner gives up past maxAttempts + 1
    let t = performance.now();
    const claimed = await jobs.claimDue({ now: clock.now(), limit: DUE, leaseMs: 1, workerId: "probe" }); // lease of 1 ms: the tick takes them over
    claims.push(performance.now() - t);
    if (claimed.length !== DUE) throw new Error(`expected ${DUE} due, claimed ${claimed.length}`);
    clock.set(new Date(NOW.getTime() + 1000));
    t = performance.now();
    const counted = db.statements.count;
    const result = await scheduler.tick();
    ticks.push(performance.now() - t);
    statements.push((db.statements.count - counted) / DUE);
    clock.set(NOW);
    if (result.done !== DUE) throw new Error(`tick did ${result.done} of ${DUE}`);
  }
  if (options.cleanUp !== false) await cleanUp(db);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { tickMs: median(ticks), claimMs: median(claims), statementsPerJob: median(statements) };
}

/** A fresh database on the BENCH_DATABASE_URL server, dropped by the returned function. */
export async function throwawayPostgres(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `baton_bench_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  return { url, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function main(): Promise<void> {
  const server = process.env.BENCH_DATABASE_URL ? await throwawayPostgres(process.env.BENCH_DATABASE_URL) : undefined;
  const db = await openDatabase(server?.url ?? "memory:");
  try {
    console.log(`Scheduler tick on ${db.description}: ${DUE} due nudges, median of ${RUNS} ticks`);
    await measure(db, 1_000); // warm-up: JIT and the query compiler, so the first figure is not penalised
    for (const conversations of [1_000, 100_000]) {
      const seedStart = performance.now();
      const { tickMs, claimMs, statementsPerJob } = await measure(db, conversations);
      const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
      console.log(
        `${conversations.toLocaleString("en-US").padStart(7)} conversations: tick ${tickMs.toFixed(0).padStart(5)} ms, claim query ${claimMs.toFixed(1).padStart(5)} ms, ${statementsPerJob.toFixed(1)} statements per nudge, ` +
          `RSS ${rss} MB (run in ${((performance.now() - seedStart) / 1000).toFixed(1)} s with seeding)`,
      );
    }
  } finally {
    await db.close();
    await server?.drop();
  }
}

// Run as a script (npm run bench:scheduler); `npm run bench` imports the parts above.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
