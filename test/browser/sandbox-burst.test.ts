import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../helpers/start-sandbox.js";

/** Debian's chromium (`.ci/run` installs it); Playwright never downloads a browser here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts", "sandbox");
/** The machine's network is closed: no background traffic, no QUIC, no first-run work. Playwright adds --headless and a fresh profile. */
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
/** Baton's default: the customer's texts within 3 s of each other are one turn. */
const WINDOW_MS = 3000;

const haveChromium = existsSync(CHROMIUM);
const suite = haveChromium ? describe : describe.skip;
if (!haveChromium) console.warn(`test/browser/sandbox-burst.test.ts skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

suite(`the sandbox page in Chromium: a burst of texts${haveChromium ? "" : " (skipped: no Chromium at " + CHROMIUM + ")"}`, () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sandbox = await startSandbox({ REPLY_COALESCE_MS: String(WINDOW_MS) });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1480, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${sandbox.url}/sandbox`);
    await page.locator("body[data-ready=true]").waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  const sendText = async (text: string) => {
    await page.locator("#sms-input").fill(text);
    await page.locator("#sms-input").press("Enter");
  };

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
    const stored = await sandbox.baton.database.prisma.message.findMany({ where: { direction: "inbound", conversation: { customer: { phone: "+15125550103" } } } });
    expect(stored.map((m) => m.status)).toEqual(["handled", "handled", "handled", "handled"]);
    // The second text's vehicle and the fourth's day reached the one answer.
    const conversation = await sandbox.baton.database.prisma.conversation.findFirstOrThrow({ where: { customer: { phone: "+15125550103" } } });
    expect(conversation.lead).toMatchObject({ vehicle: { model: "Tacoma" }, timing: "saturday" });
    await page.screenshot({ path: join(ARTIFACTS, "07-burst-one-answer.png") });
  });
});
