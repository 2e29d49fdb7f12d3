import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { describe } from "vitest";
import { startSandbox, type RunningSandbox } from "./start-sandbox.js";

/** Debian's chromium (`.ci/run` installs it); Playwright never downloads a browser here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = join(process.cwd(), "test-artifacts", "sandbox");
/** The machine's network is closed: no background traffic, no QUIC, no first-run work. Playwright adds --headless and a fresh profile. */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** `describe` when Chromium is there, else `describe.skip` with the reason in the title and the log. */
export function describeInChromium(title: string, file: string, body: () => void): void {
  const have = existsSync(CHROMIUM);
  if (!have)
    console.warn(`${file} skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  (have ? describe : describe.skip)(`${title}${have ? "" : ` (skipped: no Chromium at ${CHROMIUM})`}`, body);
}

export interface SandboxPage {
  sandbox: RunningSandbox;
  page: Page;
  /** Types a text on the customer's phone and sends it. */
  sendText(text: string): Promise<void>;
  /** Saves a screenshot under test-artifacts/sandbox/. */
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** The sandbox on a free port, its page open in headless Chromium and ready. */
export async function openSandboxPage(env: Record<string, string> = {}): Promise<SandboxPage> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const sandbox = await startSandbox(env);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const page = await browser.newPage({ viewport: { width: 1480, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${sandbox.url}/sandbox`);
    await page.locator("body[data-ready=true]").waitFor();
    return {
      sandbox,
      page,
      async sendText(text) {
        await page.locator("#sms-input").fill(text);
        await page.locator("#sms-input").press("Enter");
      },
      shot: (name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) }),
      async close() {
        await browser?.close();
        await sandbox.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await sandbox.stop();
    throw error;
  }
}
