import { afterAll, beforeAll, expect, it } from "vitest";
import type { Locator, Page, Response } from "playwright-core";
import { describeInChromium, openSandboxPage, type SandboxPage } from "../helpers/sandbox-in-chromium.js";
import type { RunningSandbox } from "../helpers/start-sandbox.js";

// The browser's globals the page checks below use (this file compiles without the DOM library).
declare const document: { body: { innerText: string } };
declare function getComputedStyle(element: unknown): Record<string, string>;

/** How many parts of a channel row are drawn as boxes (a border or a background): its body, at most. */
const boxesIn = (row: Locator) =>
  row.evaluate(
    (el) =>
      [...el.querySelector(".message-main")!.children].filter((part) => {
        const s = getComputedStyle(part);
        return s.borderTopWidth !== "0px" || s.borderLeftWidth !== "0px" || s.backgroundColor !== "rgba(0, 0, 0, 0)";
      }).length,
  );

/** Characters only a colour-emoji font draws (without one they are empty boxes), in what the page shows. */
const emojiShown = (page: Page) =>
  page.evaluate(() =>
    [...document.body.innerText.matchAll(/\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/gu)].map((m) => m[0]),
  );

describeInChromium("the sandbox page in Chromium", "test/browser/sandbox.test.ts", () => {
  let open: SandboxPage;
  let sandbox: RunningSandbox;
  let page: Page;
  const shot = (name: string) => open.shot(name);
  const sendText = (text: string) => open.sendText(text);

  beforeAll(async () => {
    // The digest at 10:30, inside the hour the fast clock moves below (the sandbox starts at 10:05).
    open = await openSandboxPage({ DIGEST_TIME: "10:30" });
    ({ sandbox, page } = open);
  });

  afterAll(async () => open?.close());

  const phoneBubble = (text: string) => page.locator(".sms.theirs .bubble", { hasText: text });

  it("shows the dealership's time in its zone, whatever the browser's, and loads its favicon with nothing missing", async () => {
    expect(await page.locator("#clock-zone").textContent()).toBe("Dealership time (Central Time)");
    expect(await page.locator("#clock-zone").getAttribute("title")).toBe("America/Chicago");
    expect(await page.locator("#clock-now").textContent()).toMatch(/^Tue 10:0\d AM$/); // 16:05 UTC, in Chicago

    // A fresh context, so nothing comes from a cache: every file the page asks for is there.
    const context = await page.context().browser()!.newContext();
    try {
      const fresh = await context.newPage();
      const responses: Response[] = [];
      fresh.on("response", (r) => responses.push(r));
      await fresh.goto(`${sandbox.url}/sandbox`);
      await fresh.locator("body[data-ready=true]").waitFor();
      await expect
        .poll(() => responses.find((r) => new URL(r.url()).pathname === "/sandbox/favicon.svg")?.status())
        .toBe(200);
      expect(responses.filter((r) => r.status() >= 400).map((r) => `${r.status()} ${r.url()}`)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("texts as a customer and gets the AI's answer on the phone, with segments and delivery", async () => {
    await sendText("Hi, is the Tacoma still available? I'm Maria");
    await expect.poll(() => page.locator(".sms.mine .meta").first().textContent()).toContain("Delivered");
    await phoneBubble("Tacoma").waitFor();
    const reply = page.locator(".sms.theirs").first();
    await expect.poll(() => reply.locator(".meta").textContent()).toMatch(/1 segment · ✓✓ Delivered/);
    expect(await page.locator(".message.card").count()).toBe(0); // the AI handled it: no card
    await shot("01-ai-reply");
  });

  it("shows the handoff card from Slack's Block Kit when a person is needed, and claims it", async () => {
    sandbox.clock.advance(48_000);
    await sendText("What's your best price on the Tacoma?");
    const card = page.locator("#messages .message.card");
    await card.locator(".bk-header", { hasText: "needs a person" }).waitFor();
    expect(await card.locator(".bk-fields").textContent()).toContain("•••-•••-0101"); // masked, as on Slack
    await phoneBubble("a person will text you back").waitFor();
    await shot("02-card");

    sandbox.clock.advance(83_000); // the customer waits for a person
    await card.locator("[data-action-id=baton_claim]").click();
    await card.locator(".bk-header", { hasText: "Claimed" }).waitFor();
    // 83 s on the fast clock plus the real seconds the page took (the sandbox clock runs at real speed).
    expect(await card.locator(".bk-context").textContent()).toMatch(/the customer waited 1m 2[3-9]s/);
    await page.locator("#thread:not([hidden])").waitFor();
    await page.locator("#thread-body .message.system", { hasText: "Jordan Lee claimed this conversation" }).waitFor();
    await phoneBubble("Jordan Lee from our sales team will text you here shortly.").waitFor();
  });

  it("relays the rep's thread reply to the phone; an internal note stays in the thread", async () => {
    const reply = page.locator("#reply-input");
    await reply.fill("// Maria asked about the Tacoma twice; she sounds ready to buy");
    await reply.press("Enter");
    await page.locator("#thread-body .message.internal").waitFor();
    sandbox.clock.advance(35_000);
    await reply.fill(
      "Hi Maria, Jordan here. I can do $38,900 out the door on the white Tacoma TRD Sport. Want to come see it today?",
    );
    await reply.press("Enter");
    await phoneBubble("Jordan here").waitFor();
    await expect.poll(() => page.locator(".sms.theirs .meta").last().textContent()).toContain("Delivered");
    expect(await page.locator(".sms .bubble", { hasText: "ready to buy" }).count()).toBe(0);
    await shot("03-rep-reply");
  });

  it("draws the customer's lines in the thread as rows, and an internal note as one box", async () => {
    await sendText("Sounds good, I can come at 3");
    const row = page.locator("#thread-body .message.customer", { hasText: "I can come at 3" });
    await row.waitFor();
    // A row as wide as the thread, not a pill (the phone's customer tabs once shared its class).
    const drawn = await row.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        display: s.display,
        radius: s.borderTopLeftRadius,
        border: s.borderTopWidth,
        width: el.getBoundingClientRect().width,
        thread: el.parentElement!.getBoundingClientRect().width,
      };
    });
    expect(drawn).toMatchObject({ display: "flex", radius: "0px", border: "0px" });
    expect(drawn.width).toBe(drawn.thread);
    expect(await boxesIn(page.locator("#thread-body .message.internal"))).toBe(1);
  });

  it("tells a second rep privately that the card is taken", async () => {
    await page.locator("[data-rep=U0SBPRIYA]").click();
    await page.locator("#reply-input").fill("I can take this one");
    await page.locator("#reply-input").press("Enter");
    await page.locator("#toast:not([hidden])", { hasText: "Jordan Lee owns this conversation" }).waitFor();
    await page.locator("#thread-body .message.ephemeral").waitFor();
    expect(await page.locator(".sms .bubble", { hasText: "I can take this one" }).count()).toBe(0);
    await shot("04-second-rep");
  });

  it("moves the fast clock: an unclaimed handoff is escalated to the managers", async () => {
    await page.locator("[data-phone='+15125550102']").click();
    await sendText("Can I talk to a real person about financing?");
    await page
      .locator("#messages .message.card .bk-header", { hasText: "Derek" })
      .or(page.locator("#messages .message.card .bk-header", { hasText: "Finance" }))
      .first()
      .waitFor();
    await page.locator("[data-advance='3600000']").click();
    await page.locator("#clock-ahead", { hasText: "1h ahead" }).waitFor();
    await page.locator(".channel-link[data-channel=managers] .badge:not([hidden])").waitFor();
    await page.locator(".channel-link[data-channel=managers]").click();
    await page.locator("#messages .message.alert", { hasText: "Unclaimed handoff" }).first().waitFor();
    await shot("05-managers");

    // Back to the first conversation, as the rep who owns it: the whole picture in one screenshot.
    await page.locator("[data-phone='+15125550101']").click();
    await page.locator(".channel-link[data-channel=handoffs]").click();
    await page.locator("[data-rep=U0SBJORDAN]").click();
    await page.locator("#messages .message.warning", { hasText: "Still unclaimed" }).first().waitFor();
    await shot("06-overview");
  });

  it("answers a customer who texts in Spanish in Spanish, and the card keeps her words as written", async () => {
    await page.locator("[data-phone='+15125550104']").click();
    await sendText("Hola, ¿todavía tienen la Toyota Tacoma 2024?");
    await phoneBubble("El Toyota Tacoma TRD Sport 2024 blanco (stock MR4127) está disponible en el lote.").waitFor();
    // Accents make it UCS-2: still two segments at most.
    const answer = page.locator(".sms.theirs", { hasText: "está disponible" });
    await expect.poll(() => answer.locator(".meta").textContent()).toMatch(/2 segments · UCS-2/);

    sandbox.clock.advance(30_000);
    await sendText("¿Puedo hablar con una persona?");
    await phoneBubble("Con gusto. Una persona del equipo le escribirá por aquí en breve.").waitFor();
    const card = page.locator("#messages .message.card", { hasText: "¿Puedo hablar con una persona?" });
    await card.locator(".bk-header", { hasText: "needs a person" }).waitFor();
    expect(await card.textContent()).toContain("Asked for a person");
    await shot("07-spanish");
  });

  it("draws the digest as one box, and its own icons where Slack has emoji: no colour-emoji font needed", async () => {
    expect(await emojiShown(page)).toEqual([]); // the cards in #handoffs
    await page.locator("#messages .message.card [data-thread]").first().click();
    await page.locator("#thread:not([hidden])").waitFor();
    expect(await emojiShown(page)).toEqual([]); // a thread's customer, AI and Baton lines
    await page.locator(".channel-link[data-channel=managers]").click();
    const digest = page.locator("#messages .message.report", { hasText: "Daily digest" });
    await digest.waitFor();
    // The page redraws the channel on every event (a tick may still be landing): judged once it settles.
    await expect.poll(() => boxesIn(digest), { timeout: 5_000 }).toBe(1);
    expect(await emojiShown(page)).toEqual([]); // alerts and the digest
    expect(await digest.locator("svg.icon").count()).toBe(1);
    await shot("09-digest");
  });
});
