// Rough drain measurement for WORKERS on PostgreSQL: `npm start`'s entry (src/main.ts) with
// WORKERS=1 and WORKERS=2 against the fake Twilio, a backlog of signed texts posted at 32 in
// flight, replies per second until the last is answered. Not part of `npm run bench` (whose
// Baton runs in-process under its IPC harness); run with:
//   TEST_DATABASE_URL=postgresql://… npx tsx test/bench/workers-drain.ts [texts]
import { startFakeTwilioApi } from "../helpers/fake-twilio-api.js";
import { ACCOUNT_SID, AUTH_TOKEN, postSignedText, testDealershipEnv } from "../helpers/start-baton.js";
import { freePort, startMain } from "../helpers/start-main.js";
import { createTestDatabase } from "../helpers/test-database.js";

const TEXTS = Number(process.argv[2] ?? 3000);
const IN_FLIGHT = 32;

async function run(workers: number): Promise<void> {
  const db = await createTestDatabase({ kind: "postgres" });
  let replies = 0;
  let lastReplyAt = 0;
  const twilio = await startFakeTwilioApi({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    record: false,
    onMessage: (_m, at) => ((replies += 1), (lastReplyAt = at)),
  });
  const port = await freePort();
  const main = startMain(process.cwd(), {
    ...testDealershipEnv(twilio),
    DATABASE_URL: db.url!,
    PORT: String(port),
    WORKERS: String(workers),
    LOG_LEVEL: "warn",
    SCHEDULER_CRON: "off",
  });
  // Warm-up: every process started (tsx compiles src/ in each) before the clock starts.
  await new Promise((r) => setTimeout(r, 20_000));
  const post = (i: number) =>
    postSignedText(
      `http://127.0.0.1:${port}`,
      `+1512${String(2000000 + i).padStart(7, "0")}`,
      "What time do you open Saturday?",
    ).then((res) => res.arrayBuffer());
  while (
    main.child.exitCode === null &&
    !(await post(-1).then(
      () => true,
      () => false,
    ))
  )
    await new Promise((r) => setTimeout(r, 500));
  while (replies < 1) await new Promise((r) => setTimeout(r, 50));
  replies = 0;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < TEXTS) await post(next++);
    }),
  );
  const posted = performance.now();
  while (replies < TEXTS && performance.now() - posted < 120_000) await new Promise((r) => setTimeout(r, 50));
  const seconds = (lastReplyAt - t0) / 1000;
  console.log(
    `WORKERS=${workers}: ${TEXTS} texts, webhooks ${Math.round(TEXTS / ((posted - t0) / 1000))}/s, ${replies} replies in ${seconds.toFixed(1)} s = ${Math.round(replies / seconds)} replies/s`,
  );
  main.child.kill("SIGTERM");
  await main.exited;
  await twilio.close();
  await db.close();
}

for (const workers of [1, 2]) await run(workers);
process.exit(0);
