import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { followSandboxFeed, type FeedFollower } from "../helpers/follow-sandbox-feed.js";
import { describeInChromium, openSandboxPage, type SandboxPage } from "../helpers/sandbox-in-chromium.js";
import type { RunningSandbox } from "../helpers/start-sandbox.js";

const DANA = "+15125550103";
/** Markup in the customer's words: the pane must show it as text. */
const MARKUP = "hi <img src=x onerror=alert(1)> <b>there</b>";

describeInChromium("the sandbox page in Chromium: the CRM pane", "test/browser/sandbox-crm.test.ts", () => {
  let open: SandboxPage;
  let sandbox: RunningSandbox;
  let page: Page;
  let feed: FeedFollower;

  beforeAll(async () => {
    open = await openSandboxPage();
    ({ sandbox, page } = open);
    feed = await followSandboxFeed(sandbox.url);
  });

  afterAll(async () => {
    feed?.stop();
    await open?.close();
  });

  it("shows the ADF lead a text became, readable and as the very XML, with a download, and the webhook's events, also after a reload", async () => {
    await page.locator(`[data-phone='${DANA}']`).click();
    await open.sendText(MARKUP);
    await page.locator(".sms.theirs").first().waitFor();
    await open.sendText("I want to talk numbers on the 2024 Tacoma, my name is Dana Ortiz");
    await page.locator("#messages .message.card .bk-header", { hasText: "needs a person" }).waitFor();
    await sandbox.baton.runDueWork(); // the scheduler's tick: the lead job sends the ADF
    const sent = await feed.waitFor((e) => e.type === "adf");
    const adf = String(sent.adf);

    const crmLink = page.locator(".channel-link[data-channel=crm]");
    await crmLink.locator(".badge:not([hidden])").waitFor();
    await crmLink.click();
    // The click redraws the channel on the page's next frame.
    await expect.poll(() => page.locator("#channel-title").textContent()).toBe("CRM");
    await expect.poll(() => page.locator("#messages").isHidden()).toBe(true);
    const lead = page.locator("#crm details.crm-item.adf", { hasText: "Dana Ortiz" });
    await lead.waitFor();
    expect(await lead.locator("summary").textContent()).toContain("Sales · e-mailed to crm@sandbox.invalid");

    await lead.locator("summary").click();
    const fields = await lead.locator(".crm-fields").innerText();
    expect(fields).toMatch(/Name\s+Dana Ortiz/);
    expect(fields).toMatch(new RegExp(`Phone\\s+\\${DANA}`));
    expect(fields).toMatch(/Vehicle\s+2024 Toyota Tacoma/);
    // The customer's markup is words in the comments and the XML, never elements on the page.
    expect(await lead.locator(".crm-comments").textContent()).toContain(`Customer: ${MARKUP}`);
    expect(await page.locator("#crm img, #crm b").count()).toBe(0);
    // The XML exactly as sent, its entities (&lt;, &quot;) left as written.
    expect(await lead.locator("pre.crm-code").textContent()).toBe(adf);
    expect(adf).toContain("&lt;img src=x");
    await open.shot("11-crm-adf");

    // The webhook's events are there too, each its JSON body, posted (in words) to the stand-in host.
    const handoff = page.locator("#crm details.crm-item.webhook", { hasText: "handoff.requested" });
    await handoff.waitFor();
    expect(await handoff.locator("summary").textContent()).toContain("posted to crm.sandbox.invalid");
    await handoff.locator("summary").click();
    const body = JSON.parse((await handoff.locator("pre.crm-code").textContent()) ?? "") as Record<string, unknown>;
    expect(body).toMatchObject({ type: "handoff.requested", customer: { phone: DANA } });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      lead.locator("a.crm-download", { hasText: "Download .xml" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^lead-[\w-]+-sales\.xml$/);
    expect(readFileSync(await download.path(), "utf8")).toBe(adf);

    // A reload replays the feed: the lead is still there.
    await page.reload();
    await page.locator("body[data-ready=true]").waitFor();
    await page.locator(".channel-link[data-channel=crm]").click();
    await page.locator("#crm details.crm-item.adf", { hasText: "Dana Ortiz" }).waitFor();
  });
});
