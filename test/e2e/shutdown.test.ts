import { afterEach, describe, expect, it } from "vitest";
import { startBaton, type RunningBaton } from "../helpers/start-baton.js";

let run: RunningBaton | undefined;
afterEach(async () => {
  await run?.twilio.close().catch(() => {});
  await run?.slack.close().catch(() => {});
  run = undefined;
});

describe("shutdown with a provider that hangs", () => {
  it("stops within the grace, starts none of the waiting texts, and refuses new requests at once", async () => {
    run = await startBaton({ SHUTDOWN_GRACE_MS: "500", ANSWER_CONCURRENCY: "1" });
    run.twilio.hangNext(1);
    await run.text("+15125550301", "Where are you located?"); // its reply hangs at the provider
    await run.text("+15125550302", "What time do you open?");
    await run.text("+15125550303", "Do you have wifi?");
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first send is in flight
    const started = Date.now();
    await run.baton.close();
    const tookMs = Date.now() - started;
    expect(tookMs).toBeLessThan(2000);
    // The hung send is the only one that reached the provider (unanswered, so not in `requests`);
    // the two waiting texts were never started: left in the database for recovery.
    expect(run.twilio.requests.filter((r) => r.method === "POST")).toHaveLength(0);
    expect(run.twilio.messages).toHaveLength(0);
    await expect(fetch(`${run.url}/healthz`)).rejects.toThrow();
  });
});
