import { afterAll, beforeAll, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { encodePng } from "../../src/adapters/staff-chat/teams/app-package/png.js";
import { describeInChromium, openSandboxPage, type SandboxPage } from "../helpers/sandbox-in-chromium.js";

/** A small real PNG in two colours (Baton checks a picture's bytes against its type). */
function drawPng(width: number, height: number, [r1, g1, b1]: number[], [r2, g2, b2]: number[]): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      rgba.set(y < height / 2 ? [r1!, g1!, b1!, 255] : [r2!, g2!, b2!, 255], (y * width + x) * 4);
  return encodePng(width, height, rgba);
}

/** A picture's width once the browser has it decoded: 0 while loading, or when it failed to load. */
const loadedWidth = (img: Locator) =>
  img.evaluate((el) => {
    const image = el as unknown as { complete: boolean; naturalWidth: number };
    return image.complete ? image.naturalWidth : 0;
  });

describeInChromium("the sandbox page in Chromium: pictures", "test/browser/sandbox-pictures.test.ts", () => {
  let open: SandboxPage;
  let page: Page;

  beforeAll(async () => {
    open = await openSandboxPage();
    ({ page } = open);
  });

  afterAll(async () => open?.close());

  it("sends a picture both ways: the customer's in the card's thread, the rep's on the phone", async () => {
    const fetched: string[] = [];
    page.on("request", (r) => void (new URL(r.url()).pathname.startsWith("/media/") && fetched.push(r.url())));
    // The customer attaches a photo of the trade-in to a text that needs a person.
    const tradeIn = drawPng(64, 40, [31, 95, 214], [240, 180, 41]);
    await page.locator("#sms-files").setInputFiles({ name: "trade-in.png", mimeType: "image/png", buffer: tradeIn });
    await page.locator("#sms-chips .chip", { hasText: "trade-in.png" }).waitFor();
    await open.sendText("here is my trade-in, what would you give me for it?");
    // Their own bubble shows the picture they sent, with the words.
    const mine = page.locator(".sms.mine", { hasText: "here is my trade-in" });
    await expect.poll(() => loadedWidth(mine.locator("img.attachment"))).toBe(64);
    expect(await page.locator("#sms-chips").isHidden()).toBe(true);

    // The card appears; its thread shows the picture, loaded from Baton's signed /media link.
    const card = page.locator("#messages .message.card");
    await card.locator(".bk-header", { hasText: "needs a person" }).waitFor();
    await card.locator(".replies-link").click();
    await page.locator("#thread:not([hidden])").waitFor();
    const inThread = page.locator("#thread-body .message.customer img.attachment");
    await inThread.waitFor();
    expect(await inThread.getAttribute("src")).toMatch(/^\/media\/[^/?]+\?e=\d+&s=[\w-]+$/);
    await expect.poll(() => loadedWidth(inThread)).toBe(64);

    // A rep claims, then replies in the thread with a picture attached.
    await card.locator("[data-action-id=baton_claim]").click();
    await card.locator(".bk-header", { hasText: "Claimed" }).waitFor();
    const offer = drawPng(48, 48, [18, 161, 80], [255, 255, 255]);
    await page.locator("#reply-files").setInputFiles({ name: "offer.png", mimeType: "image/png", buffer: offer });
    await page.locator("#reply-chips .chip", { hasText: "offer.png" }).waitFor();
    await page
      .locator("#reply-input")
      .fill("Jordan here: going by your photo, about $14,500 for it. Here's the Tacoma I'd put you in.");
    await page.locator("#reply-input").press("Enter");
    // The rep's line in the thread shows what they attached.
    const repLine = page.locator("#thread-body .message", { hasText: "going by your photo" });
    await expect.poll(() => loadedWidth(repLine.locator("img.attachment"))).toBe(48);

    // The phone gets the MMS: the words and the picture, fetched from Baton's signed /media link.
    const theirs = page.locator(".sms.theirs", { hasText: "going by your photo" });
    const picture = theirs.locator("img.attachment");
    await picture.waitFor();
    expect(await picture.getAttribute("src")).toMatch(/^\/media\/[^/?]+\?e=\d+&s=[\w-]+$/);
    await expect.poll(() => loadedWidth(picture)).toBe(48);
    await expect.poll(() => theirs.locator(".meta").textContent()).toContain("Delivered");
    // The page redraws on every event (the delivery reports above): each picture was fetched once.
    expect(fetched).toHaveLength(2);
    expect(new Set(fetched).size).toBe(2);
    await open.shot("11-pictures");
  }, 60_000);
});
