import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { followSandboxFeed, type FeedEvent, type FeedFollower } from "../../helpers/follow-sandbox-feed.js";
import { startSandbox, type RunningSandbox } from "../../helpers/start-sandbox.js";

const DEREK = "+15125550102";
const JORDAN = "U0SBJORDAN";
/** One step of the fast clock: longer than the restart below takes, so order depends on keeping it. */
const FIVE_MINUTES = 300_000;

const dir = mkdtempSync(join(tmpdir(), "baton-sandbox-restart-"));
const env = { DATABASE_URL: `file:${join(dir, "db")}` };
let sandbox: RunningSandbox | undefined;
let feed: FeedFollower | undefined;
afterEach(async () => {
  feed?.stop();
  await sandbox?.stop();
  sandbox = feed = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Block = { type: string; elements?: { action_id?: string }[] };
const buttonsOf = (card: FeedEvent) =>
  (card.blocks as Block[]).flatMap((b) => b.elements ?? []).map((e) => e.action_id);
const inbound = (s: RunningSandbox) =>
  s.baton.database.prisma.message.findMany({
    where: { direction: "inbound" },
    orderBy: { createdAt: "asc" },
    select: { body: true },
  });

describe("the sandbox after Baton restarts, on the embedded database in a directory", () => {
  it("draws the open card again with its Claim button, and keeps the fast clock, so texts stay in order", async () => {
    const firstRunFrom = Date.now();
    sandbox = await startSandbox(env);
    feed = await followSandboxFeed(sandbox.url);
    await sandbox.post("text", { from: DEREK, body: "Can I talk to a real person please?" });
    const posted = await feed.waitFor((e) => e.type === "card");
    expect(await (await sandbox.post("clock", { advanceMs: FIVE_MINUTES })).json()).toMatchObject({
      offsetMs: FIVE_MINUTES,
    });
    await sandbox.post("text", { from: DEREK, body: "Hello? Anyone there?" }); // stamped five minutes ahead
    await feed.waitFor((e) => e.type === "thread" && e.kind === "customer" && e.text === "Hello? Anyone there?");
    feed.stop();
    await sandbox.stop();
    const firstRunMs = Date.now() - firstRunFrom;

    sandbox = await startSandbox(env);
    // Real time went on (each start of the test's clock begins at the same moment): as long as
    // the first run took, and a few seconds for the restart: still less than the fast clock's lead.
    sandbox.clock.advance(firstRunMs + 10_000);
    feed = await followSandboxFeed(sandbox.url);
    const redrawn = await feed.waitFor((e) => e.type === "card" && e.ts === posted.ts);
    expect(redrawn.conversationId).toBe(posted.conversationId);
    expect(buttonsOf(redrawn)).toContain("baton_claim");
    const { handoffAt } = await sandbox.baton.database.prisma.conversation.findUniqueOrThrow({
      where: { id: String(posted.conversationId) },
    });
    expect(redrawn.at).toBe(handoffAt!.toISOString()); // shown at the handoff, not at the restart
    const setup = (await (await fetch(`${sandbox.url}/sandbox/api/setup`)).json()) as { clock: { offsetMs: number } };
    expect(setup.clock.offsetMs).toBe(FIVE_MINUTES);

    await sandbox.post("text", { from: DEREK, body: "Still waiting" });
    await feed.waitFor((e) => e.type === "thread" && e.ts === posted.ts && e.text === "Still waiting");
    expect((await inbound(sandbox)).map((m) => m.body)).toEqual([
      "Can I talk to a real person please?",
      "Hello? Anyone there?",
      "Still waiting",
    ]);

    expect(
      await (
        await sandbox.post("action", {
          actionId: "baton_claim",
          value: posted.conversationId,
          ts: posted.ts,
          repId: JORDAN,
        })
      ).json(),
    ).toEqual({ ok: true });
    const claimed = await feed.waitFor(
      (e) => e.type === "card" && e.ts === posted.ts && !buttonsOf(e).includes("baton_claim"),
    );
    expect(JSON.stringify(claimed.blocks)).toContain("Claimed by *Jordan Lee*");
  }, 90_000); // two starts, the first creating the database's directory
});
