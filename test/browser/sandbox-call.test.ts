import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeInChromium, openSandboxPage, type SandboxPage } from "../helpers/sandbox-in-chromium.js";

const DEREK = "+15125550102";
const TEXT_BACK = "Sorry we missed your call, this is Maple Ridge Motors. How can we help? You can text us right here.";

describeInChromium("the sandbox page in Chromium: the phone's Call button", "test/browser/sandbox-call.test.ts", () => {
  let open: SandboxPage;
  let page: Page;

  beforeAll(async () => {
    open = await openSandboxPage();
    ({ page } = open);
  });

  afterAll(async () => open?.close());

  /** What the phone on screen lists, in order: each call's line (and why no text, if so), each text's words. */
  const phoneList = () =>
    page
      .locator("#sms-list > li")
      .evaluateAll((items) =>
        items.map((li) =>
          li.classList.contains("call-log")
            ? `call: ${li.querySelector(".call-line")!.textContent}${li.querySelector(".call-note") ? ` / ${li.querySelector(".call-note")!.textContent}` : ""}`
            : `${li.classList.contains("mine") ? "me" : "them"}: ${li.querySelector(".bubble")?.textContent ?? ""}`,
        ),
      );
  const textBack = () => page.locator(".sms.theirs .bubble", { hasText: TEXT_BACK });

  it("shows the missed call on the phone that called, then the text-back as a text; a second call says no text is coming; both after a reload", async () => {
    await page.locator(`[data-phone='${DEREK}']`).click();
    await page.getByRole("button", { name: "Call", exact: true }).click();
    await page.locator(".call-log .call-line", { hasText: "You called Maple Ridge Motors · no answer" }).waitFor();
    await textBack().waitFor();
    expect(await phoneList()).toEqual([`call: You called Maple Ridge Motors · no answer`, `them: ${TEXT_BACK}`]);
    expect(await page.locator(".call-log .meta").textContent()).toMatch(/^\d{1,2}:\d\d [AP]M · Missed call$/);
    await expect.poll(() => page.locator(".sms.theirs .meta").textContent()).toContain("Delivered");
    await open.shot("12-call-text-back");

    // Calling again within the cooldown: the call shows, with word that no text is coming, and none comes.
    await page.getByRole("button", { name: "Call", exact: true }).click();
    await page.locator(".call-log .call-note", { hasText: "No text back: this phone got one recently." }).waitFor();
    await open.sendText("Do you have any trucks?");
    await expect.poll(() => page.locator(".sms.theirs").count()).toBe(2);
    const shown = await phoneList();
    expect(shown.slice(0, 4)).toEqual([
      `call: You called Maple Ridge Motors · no answer`,
      `them: ${TEXT_BACK}`,
      `call: You called Maple Ridge Motors · no answer / No text back: this phone got one recently.`,
      "me: Do you have any trucks?",
    ]);
    expect(shown.filter((line) => line === `them: ${TEXT_BACK}`)).toHaveLength(1);
    await open.shot("13-call-cooldown");

    // Only the phone that called shows it.
    await page.locator("[data-phone='+15125550101']").click();
    await expect.poll(() => page.locator("#sms-list").getAttribute("data-for")).toBe("+15125550101");
    expect(await page.locator("#sms-list .call-log").count()).toBe(0);

    // A reload replays the feed: the calls and the text-back are back on Derek's phone, in order.
    await page.reload();
    await page.locator("body[data-ready=true]").waitFor();
    await page.locator(`[data-phone='${DEREK}']`).click();
    await textBack().waitFor();
    await expect.poll(() => phoneList()).toEqual(shown);
  });
});
