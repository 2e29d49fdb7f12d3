import { afterEach, describe, expect, it } from "vitest";
import { HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

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

describe("shutdown right after a Claim click", () => {
  it("still claims a conversation whose click Slack was told is received", async () => {
    run = await startBaton({ SHUTDOWN_GRACE_MS: "5000" });
    const rep = { id: "U0SHUTDN01", name: "morgan" };
    run.slack.users.set(rep.id, { name: "morgan", real_name: "Morgan Lee", display_name: "Morgan" });
    await run.text("+15125550304", "I want to talk to a real person please");
    const post = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts,
    );
    const card = { channel: String(post.response.body.channel), ts: String(post.response.body.ts) };
    const conversationId = (post.body.blocks as { type: string; elements?: { value?: string }[] }[]).find(
      (b) => b.type === "actions",
    )!.elements![0]!.value!;
    await run.baton.idle();

    // Acknowledged (200), then the process is told to stop while the claim's work waits on Slack
    // (the rep's name: rate limited, retried after a second).
    run.slack.failNext("users.info", { status: 429, retryAfterSeconds: 1 });
    const res = await run.click("baton_claim", conversationId, rep, card);
    expect(res.status).toBe(200);
    const conversations = run.baton.database.prisma.conversation;
    const before = await conversations.findUniqueOrThrow({ where: { id: conversationId } });
    await run.baton.close();
    expect(before.status).toBe("pending");
    expect(
      run.slack.calls.some((c) => c.method === "chat.update" && JSON.stringify(c.body.blocks).includes("Claimed by")),
    ).toBe(true);
  });
});
