import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { followSandboxFeed } from "../helpers/follow-sandbox-feed.js";
import { describeInChromium, openSandboxPage, type SandboxPage } from "../helpers/sandbox-in-chromium.js";
import { startSandbox } from "../helpers/start-sandbox.js";

describeInChromium("the sandbox page in Chromium after Baton restarts", "test/browser/sandbox-restart.test.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "baton-page-restart-"));
  const env = { DATABASE_URL: `file:${join(dir, "db")}` };
  let open: SandboxPage | undefined;

  afterAll(async () => {
    await open?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows the card posted before the restart with a Claim button that works, and the clock still ahead", async () => {
    // Before: a handoff and five minutes on the fast clock, then Baton stops.
    const before = await startSandbox(env);
    const feed = await followSandboxFeed(before.url);
    await before.post("text", { from: "+15125550102", body: "Can I talk to a real person please?" });
    await feed.waitFor((e) => e.type === "card");
    await before.post("clock", { advanceMs: 300_000 });
    feed.stop();
    await before.stop();

    open = await openSandboxPage(env);
    const { page } = open;
    const card = page.locator("#messages .message.card");
    await card.locator(".bk-header", { hasText: "needs a person" }).waitFor();
    expect(await page.locator("#messages", { hasText: "from before Baton restarted" }).count()).toBe(0);
    expect(await page.locator("#clock-ahead").textContent()).toBe("5m ahead");
    await card.locator("[data-action-id=baton_claim]").click();
    await card.locator(".bk-header", { hasText: "Claimed" }).waitFor();
    await page.locator("#thread-body .message.system", { hasText: "Jordan Lee claimed this conversation" }).waitFor();
    await open.shot("10-after-restart");
  }, 90_000); // two starts, the first creating the database's directory
});
