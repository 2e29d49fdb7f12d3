// Rough drain measurement for WORKERS on PostgreSQL: `npm start`'s entry (src/main.ts) with
// WORKERS=1 and WORKERS=2 against the fake Twilio, a backlog of signed texts posted at 32 in
// flight, replies per second until the last is answered. Not part of `npm run bench` (whose
// Baton runs in-process under its IPC harness); run with:
//   TEST_DATABASE_URL=postgresql://… npx tsx test/bench/workers-drain.ts [texts]
import { startFakeTwilioApi } from "../helpers/fake-twilio-api.js";
import { signTwilioRequest, toFormBody, twilioInboundSmsParams } from "../helpers/sign-requests.js";
import { ACCOUNT_SID, AUTH_TOKEN, DEALER_NUMBER, PUBLIC_URL } from "../helpers/start-baton.js";
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
    PORT: String(port),
    WORKERS: String(workers),
    DATABASE_URL: db.url!,
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_PHONE_NUMBER: DEALER_NUMBER,
    TWILIO_API_URL: twilio.url,
    DEALERSHIP_NAME: "Maple Ridge Motors",
    DEALERSHIP_TIMEZONE: "America/Chicago",
    REPLY_COALESCE_MS: "0",
    LOG_LEVEL: "warn",
    SCHEDULER_CRON: "off",
  });
  // Warm-up: every process started (tsx compiles src/ in each) before the clock starts.
  await new Promise((r) => setTimeout(r, 20_000));
  const post = (i: number) => {
    const params = twilioInboundSmsParams({
      from: `+1512${String(2000000 + i).padStart(7, "0")}`,
      to: DEALER_NUMBER,
      body: "What time do you open Saturday?",
      accountSid: ACCOUNT_SID,
    });
    return fetch(`http://127.0.0.1:${port}/twilio/sms`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params),
      },
      body: toFormBody(params),
    }).then((res) => res.arrayBuffer());
  };
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
