import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeInChromium, openSandboxPage, type SandboxPage } from "../helpers/sandbox-in-chromium.js";
import type { RunningSandbox } from "../helpers/start-sandbox.js";

/** Baton's default: the customer's texts within 3 s of each other are one turn. */
const WINDOW_MS = 3000;

describeInChromium("the sandbox page in Chromium: a burst of texts", "test/browser/sandbox-burst.test.ts", () => {
  let open: SandboxPage;
  let sandbox: RunningSandbox;
  let page: Page;
  const sendText = (text: string) => open.sendText(text);

  beforeAll(async () => {
    open = await openSandboxPage({ REPLY_COALESCE_MS: String(WINDOW_MS) });
    ({ sandbox, page } = open);
  });

  afterAll(async () => open?.close());

  it("four questions typed one after another get one answer, which read them all", async () => {
    await page.locator("[data-phone='+15125550103']").click();
    const questions = ["hi", "is the 2024 Tacoma still available?", "what color is it", "can I come see it saturday?"];
    for (const q of questions) await sendText(q);
    await expect.poll(() => page.locator(".sms.mine").count()).toBe(4);

    const answers = page.locator(".sms.theirs");
    await answers.first().waitFor({ timeout: 15_000 });
    // Past another window: still one answer, not four, and no card saying the AI stopped.
    await page.waitForTimeout(WINDOW_MS + 1000);
    expect(await answers.count()).toBe(1);
    expect(await answers.first().locator(".bubble").textContent()).toMatch(/Tacoma/);
    expect(await page.locator("#messages .message.card", { hasText: "stopped answering" }).count()).toBe(0);
    const stored = await sandbox.baton.database.prisma.message.findMany({
      where: { direction: "inbound", conversation: { customer: { phone: "+15125550103" } } },
    });
    expect(stored.map((m) => m.status)).toEqual(["handled", "handled", "handled", "handled"]);
    // The second text's vehicle and the fourth's day reached the one answer.
    const conversation = await sandbox.baton.database.prisma.conversation.findFirstOrThrow({
      where: { customer: { phone: "+15125550103" } },
    });
    expect(conversation.lead).toMatchObject({ vehicle: { model: "Tacoma" }, timing: "saturday" });
    await open.shot("08-burst-one-answer");
  });
});
