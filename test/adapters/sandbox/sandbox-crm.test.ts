import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { readAdfLeads } from "../../../src/adapters/leads/adf/index.js";
import { SANDBOX_CRM_ADDRESS } from "../../../src/config/crm-config.js";
import { followSandboxFeed, type FeedEvent, type FeedFollower } from "../../helpers/follow-sandbox-feed.js";
import { startSandbox, type RunningSandbox } from "../../helpers/start-sandbox.js";

const DANA = "+15125550103";
/** Asks for a person (price talk), with a name and a vehicle: a lead for sales. */
const NUMBERS = "I want to talk numbers on the 2024 Tacoma, my name is Dana Ortiz";
const SECRET = "s".repeat(40);

let sandbox: RunningSandbox | undefined;
const feeds: FeedFollower[] = [];
let receiver: Server | undefined;
afterEach(async () => {
  for (const f of feeds.splice(0)) f.stop();
  await sandbox?.stop();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  sandbox = receiver = undefined;
});

async function start(env: Record<string, string> = {}) {
  sandbox = await startSandbox(env);
  const feed = await followSandboxFeed(sandbox.url);
  feeds.push(feed);
  return { s: sandbox, f: feed };
}

/** A customer who needs a person texts; the card is up, so the outbox jobs are written; then the scheduler's tick. */
async function danaAsksForNumbers(s: RunningSandbox, f: FeedFollower) {
  await s.post("text", { from: DANA, body: NUMBERS });
  await f.waitFor((e) => e.type === "card");
  await s.baton.runDueWork();
}

type AdfItem = FeedEvent & { to: string; adf: string; customer: { name?: string; phone: string }; department: string };
type WebhookItem = FeedEvent & { host: string; event: { id: string; type: string; customer: { phone: string } } };

describe("the sandbox's CRM: leads and webhook events go to the page's feed, never off the machine", () => {
  it("shows the ADF lead the CRM would get, and it reads back as the customer's lead", async () => {
    const { s, f } = await start();
    await danaAsksForNumbers(s, f);
    const item = (await f.waitFor((e) => e.type === "adf")) as AdfItem;
    expect(item).toMatchObject({
      to: SANDBOX_CRM_ADDRESS,
      customer: { name: "Dana Ortiz", phone: DANA },
      department: "sales",
    });
    expect(item.adf).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<\?adf version="1.0"\?>/);

    const [lead, ...more] = readAdfLeads(item.adf, { timezone: "America/Chicago" });
    expect(more).toEqual([]);
    expect(lead!.customer).toMatchObject({ name: "Dana Ortiz", phones: [{ number: DANA }] });
    expect(lead!.vehicle).toMatchObject({ year: 2024, model: "Tacoma" });
    expect(lead!.providerLeadId).toBe(`Baton SMS:${item.conversationId}`); // the reader keys it by source
    expect(lead!.comments).toContain(`Customer: ${NUMBERS}`);
    // The request date in the rooftop's zone (Chicago is UTC-6 in November).
    expect(item.adf).toMatch(/<requestdate>2026-11-2\dT\d\d:\d\d:\d\d-06:00<\/requestdate>/);

    // Only once: a second tick finds the job done.
    await s.baton.runDueWork();
    expect(f.events.filter((e) => e.type === "adf")).toHaveLength(1);
    // Without CRM_WEBHOOK_URL the webhook's events show too, as posted to a stand-in host that is never called.
    const events = f.events.filter((e): e is WebhookItem => e.type === "webhook");
    expect(events.map((e) => e.event.type).sort()).toEqual(["conversation.created", "handoff.requested"]);
    expect(new Set(events.map((e) => e.host))).toEqual(new Set(["crm.sandbox.invalid"]));

    // A page opened later (a reload) gets it too: the feed replays what it kept.
    const later = await followSandboxFeed(s.url);
    feeds.push(later);
    expect(await later.waitFor((e) => e.type === "adf")).toEqual(item);
  });

  it("with CRM_WEBHOOK_URL set, shows each event the webhook would get, and posts nothing to it", async () => {
    const posted: string[] = [];
    receiver = createServer((req, res) => (posted.push(`${req.method} ${req.url}`), res.end()));
    await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
    const address = receiver.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const { s, f } = await start({
      CRM_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/catch/123456/abcdef`,
      CRM_WEBHOOK_SECRET: SECRET,
    });
    await danaAsksForNumbers(s, f);
    const created = (await f.waitFor(
      (e) => e.type === "webhook" && (e as WebhookItem).event.type === "conversation.created",
    )) as WebhookItem;
    const handoff = (await f.waitFor(
      (e) => e.type === "webhook" && (e as WebhookItem).event.type === "handoff.requested",
    )) as WebhookItem;
    await f.waitFor((e) => e.type === "adf");
    expect(created.host).toBe(`127.0.0.1:${port}`);
    expect(handoff.event).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      dealership: { name: "Maple Ridge Motors" },
      conversation: { department: "sales", status: "pending", source: "sms" },
      customer: { phone: DANA, name: "Dana Ortiz", optedOut: false },
    });
    // Neither the secret nor the URL's path reaches the page.
    const shown = JSON.stringify(f.events);
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain("abcdef");

    // A claim is an event too; then nothing was ever posted to the real URL.
    const card = await f.waitFor((e) => e.type === "card");
    await s.post("action", { actionId: "baton_claim", value: card.conversationId, ts: card.ts, repId: "U0SBJORDAN" });
    await f.waitFor((e) => e.type === "thread" && String(e.text).includes("claimed this conversation"));
    await s.baton.runDueWork();
    await f.waitFor((e) => e.type === "webhook" && (e as WebhookItem).event.type === "conversation.claimed");
    expect(posted).toEqual([]);
  });
});
