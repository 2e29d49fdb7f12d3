import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import { readAdfLeads } from "../../src/adapters/leads/adf/index.js";
import { signWebhook } from "../../src/adapters/crm/webhook/sign-webhook.js";
import {
  readmeVerifier,
  startFakeSmtp,
  startFakeWebhook,
  type FakeSmtp,
  type FakeWebhook,
  type ReceivedEvent,
} from "../helpers/fake-crm.js";
import { adfLead, LEADS_TOKEN, postAdf, postForm } from "../helpers/post-lead.js";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  startBaton,
  type RunningBaton,
  newestConversationOf,
} from "../helpers/start-baton.js";
import { startFakeSlackApi, type FakeSlackApi } from "../helpers/fake-slack-api.js";
import { startFakeTwilioApi, type FakeTwilioApi } from "../helpers/fake-twilio-api.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

const CRM_ADDRESS = "leads@maple-ridge.crm.example";
const SECRET = "whsec_" + "a1b2c3d4".repeat(5);
const MANAGER_CHANNEL = "C0MANAGER01";
const JORDAN = { id: "U0JORDAN01", name: "jordan" };
const TIMEZONE = "America/Chicago";

/** Where a conversation's card is, to click its buttons. */
const cardOf = (c: { threadChannel: string | null; threadTs: string | null }) => ({
  channel: c.threadChannel!,
  ts: c.threadTs!,
});
const managerPosts = (run: RunningBaton) =>
  run.slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === MANAGER_CHANNEL);

/** What a CRM reads from a lead e-mail: the ADF in its body, through Baton's own strict ADF reader. */
const leadsIn = (smtp: FakeSmtp, phone: string) =>
  smtp.mails.filter((m) => m.text.includes(phone)).map((m) => readAdfLeads(m.text, { timezone: TIMEZONE })[0]!);
const eventsOf = (hook: FakeWebhook, conversationId: string) =>
  hook.accepted().filter((r) => (r.event.conversation as { id: string }).id === conversationId);
const typesOf = (received: ReceivedEvent[]) => received.map((r) => r.event.type);

describe("the dealership's CRM: ADF leads by e-mail and the signed webhook", () => {
  let run: RunningBaton;
  let smtp: FakeSmtp;
  let hook: FakeWebhook;
  const clock = new ManualClock("2026-03-03T16:00:00Z"); // Tuesday 10:00 in Chicago
  const verify = readmeVerifier();
  let seq = 0;
  const customer = () => `+1512555${String(8100 + ++seq).padStart(4, "0")}`;

  const conversationOf = (phone: string) => newestConversationOf(run, phone);
  const jobsOf = (conversationId: string, type: string) =>
    run.baton.database.prisma.scheduledJob.findMany({ where: { conversationId, type } });

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    hook = await startFakeWebhook();
    run = await startBaton(
      {
        CRM_ADF_EMAIL: CRM_ADDRESS,
        SMTP_URL: smtp.url,
        SMTP_FROM: "Baton <baton@maple-ridge.example>",
        CRM_WEBHOOK_URL: hook.url,
        CRM_WEBHOOK_SECRET: SECRET,
        SLACK_MANAGER_CHANNEL: MANAGER_CHANNEL,
        LEADS_TOKEN,
      },
      { clock },
    );
    run.slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
  });
  afterAll(async () => {
    await run?.stop();
    await smtp?.stop();
    await hook?.stop();
  });

  it("a customer who needs a person becomes one ADF lead in the CRM, with the conversation so far", async () => {
    const phone = customer();
    await run.text(phone, "Hi this is Dana Ortiz, what is your best price on the 2024 Tacoma?");
    const conversation = await conversationOf(phone);
    expect(conversation.status).toBe("pending");
    await run.tick();

    const [lead, ...more] = leadsIn(smtp, phone);
    expect(more).toHaveLength(0);
    expect(lead).toMatchObject({
      channel: "adf",
      customer: { phones: [{ number: phone }] },
      vendor: "Maple Ridge Motors",
      provider: { name: "Baton SMS" },
    });
    expect(lead!.providerLeadId).toContain(conversation.id);
    expect(lead!.comments).toContain("Department: sales");
    expect(lead!.comments).toContain("what is your best price on the 2024 Tacoma?");
    const mail = smtp.mails.find((m) => m.text.includes(phone))!;
    expect(mail.to).toEqual([CRM_ADDRESS]);
    expect(mail.from).toBe("baton@maple-ridge.example");

    // Another tick, another text in the same department: still one lead.
    await run.text(phone, "also do you take trade ins");
    await conversationOf(phone);
    await run.tick();
    expect(leadsIn(smtp, phone)).toHaveLength(1);
  });

  it("the webhook hears each step, signed so the README's verifier accepts exactly what was sent", async () => {
    const phone = customer();
    await run.text(phone, "Hi this is Sam Park, can you do better on the price of the 2024 Tacoma?");
    const conversation = await conversationOf(phone);
    const thread = cardOf(conversation);
    clock.advance(60_000);
    await run.click("baton_claim", conversation.id, JORDAN, thread);
    await vi.waitFor(async () => expect((await conversationOf(phone)).status).toBe("claimed"));
    clock.advance(60_000);
    const link = `https://baton-test.slack.com/archives/${thread.channel}/p${thread.ts.replace(".", "")}`;
    expect((await run.command(JORDAN, `appointment 2026-03-05 15:00 test drive ${link}`, thread.channel)).status).toBe(
      200,
    );
    await vi.waitFor(async () =>
      expect(await run.baton.database.prisma.appointment.count({ where: { conversationId: conversation.id } })).toBe(1),
    );
    clock.advance(60_000);
    await run.click("baton_resolve", conversation.id, JORDAN, thread);
    await vi.waitFor(async () => expect((await conversationOf(phone)).status).toBe("resolved"));
    await run.tick();

    // Delivered side by side (and a retried one later): a receiver orders them by occurredAt.
    const events = eventsOf(hook, conversation.id);
    const at = (type: string) => String(events.find((e) => e.event.type === type)!.event.occurredAt);
    expect(typesOf(events).sort()).toEqual([
      "appointment.saved",
      "conversation.claimed",
      "conversation.created",
      "conversation.resolved",
      "handoff.requested",
    ]);
    expect(at("conversation.created") <= at("handoff.requested")).toBe(true);
    expect(at("handoff.requested") < at("conversation.claimed")).toBe(true);
    expect(at("conversation.claimed") < at("appointment.saved")).toBe(true);
    expect(at("appointment.saved") < at("conversation.resolved")).toBe(true);
    for (const delivery of events) {
      expect(verify(delivery.raw, delivery.headers["x-baton-signature"], SECRET)).toBe(true);
      expect(delivery.headers["x-baton-event-id"]).toBe(delivery.event.id);
      expect(delivery.event).toMatchObject({
        dealership: { name: "Maple Ridge Motors" },
        customer: { phone, optedOut: false },
      });
    }
    const claimed = events.find((e) => e.event.type === "conversation.claimed")!;
    expect(claimed.event.data).toMatchObject({ owner: { id: JORDAN.id } });
    expect(events.find((e) => e.event.type === "appointment.saved")!.event.data).toMatchObject({
      appointment: { kind: "test_drive", at: "2026-03-05T21:00:00.000Z" },
    });
    expect(new Set(events.map((e) => e.event.id)).size).toBe(5);

    // What a receiver must refuse: the same signature on another body, or an old delivery replayed.
    const forged = claimed.raw.replace('"conversation.claimed"', '"conversation.resolved"');
    expect(verify(forged, claimed.headers["x-baton-signature"], SECRET)).toBe(false);
    expect(verify(claimed.raw, claimed.headers["x-baton-signature"], "whsec_someone_else_entirely_0000")).toBe(false);
    const sevenMinutesAgo = Math.floor(Date.now() / 1000) - 7 * 60;
    expect(verify(claimed.raw, signWebhook(SECRET, claimed.raw, sevenMinutesAgo), SECRET)).toBe(false);
  });

  it("the same customer is not sent again within CRM_DEDUPE_DAYS, unless the department changes; after it, again", async () => {
    const phone = customer();
    await run.text(phone, "Hi this is Lee Chen, what is your best price on the 2024 Tacoma?");
    const first = await conversationOf(phone);
    await run.click("baton_resolve", first.id, JORDAN, cardOf(first));
    await vi.waitFor(async () => expect((await conversationOf(phone)).status).toBe("resolved"));
    await run.tick();
    expect(leadsIn(smtp, phone)).toHaveLength(1);

    // Ten days later, a new conversation, sales again: the CRM has this lead already.
    clock.advance(10 * 24 * 3600_000);
    await run.text(phone, "Lee again, any movement on the price of that Tacoma?");
    const second = await conversationOf(phone);
    expect(second.id).not.toBe(first.id);
    await run.tick();
    expect(leadsIn(smtp, phone)).toHaveLength(1);
    expect((await jobsOf(second.id, "crm_lead"))[0]).toMatchObject({
      status: "done",
      result: "already sent within 30 days",
    });

    // The same customer about their car's service: a different department, a new lead.
    await run.text(phone, "also my check engine light came on right after you serviced it last week, I am not happy");
    await conversationOf(phone);
    await run.tick();
    const leads = leadsIn(smtp, phone);
    expect(leads).toHaveLength(2);
    expect(leads[1]!.comments).toContain("Department: service");

    // Past the window, sales again is a new lead.
    clock.advance(31 * 24 * 3600_000);
    const third = await conversationOf(phone);
    await run.click("baton_resolve", third.id, JORDAN, cardOf(third));
    await vi.waitFor(async () => expect((await conversationOf(phone)).status).toBe("resolved"));
    await run.text(phone, "Lee here, what would my payment be on the 2024 Tacoma?");
    await conversationOf(phone);
    await run.tick();
    expect(leadsIn(smtp, phone)).toHaveLength(3);
  });

  it("a lead that came in by ADF is never e-mailed back; the webhook still hears of it", async () => {
    const phone = "+15125558190";
    const res = await postAdf(run, adfLead({ id: "CARS-77", phone, first: "Noor", last: "Haddad" }));
    expect(res.status).toBe(202);
    const conversation = await conversationOf(phone);
    await run.tick();
    expect(smtp.mails.filter((m) => m.text.includes(phone))).toHaveLength(0);
    expect((await jobsOf(conversation.id, "crm_lead"))[0]).toMatchObject({
      status: "done",
      result: "came as an ADF lead: not sent back",
    });
    expect(typesOf(eventsOf(hook, conversation.id)).sort()).toEqual(["conversation.created", "handoff.requested"]);
    for (const { event } of eventsOf(hook, conversation.id)) {
      expect(event.conversation).toMatchObject({ source: "adf" });
      expect(event.data).toMatchObject(
        event.type === "conversation.created" ? { channel: "adf" } : { reason: "new_lead" },
      );
    }

    // The same customer then fills in the website's form and asks about financing: the newest lead
    // is the form's, but the customer came from the CRM's side, so nothing is e-mailed back.
    const form = await postForm(run, { name: "Noor Haddad", phone, message: "Still want it", smsConsent: true });
    expect(form.status).toBe(202);
    await run.text(phone, "can I get financing on it? what would my monthly payment be");
    await vi.waitFor(async () => expect((await conversationOf(phone)).department).toBe("finance"));
    await run.tick();
    const leadJobs = await jobsOf(conversation.id, "crm_lead");
    expect(leadJobs.map((j) => [(j.payload as { department: string }).department, j.result]).sort()).toEqual([
      ["finance", "came as an ADF lead: not sent back"],
      ["sales", "came as an ADF lead: not sent back"],
    ]);
    expect(smtp.mails.filter((m) => m.text.includes(phone))).toHaveLength(0);
  });

  it("hostile names and comments from a web form reach the CRM as text, exactly, in valid XML", async () => {
    const phone = "+15125558191";
    const name = `Zoë </name><script>alert("x")</script> & O'Brien ]]>`;
    const message = `<![CDATA[ hi ]]> & <b>bold</b> &amp; "quotes" — ¿sí? 🚗`;
    const res = await postForm(run, {
      name,
      phone: phone.replace("+1", ""),
      vehicle: "2025 Toyota Tacoma TRD Off-Road",
      message,
      smsConsent: false,
    });
    expect(res.status).toBe(202);
    await conversationOf(phone);
    await run.tick();
    const [lead] = leadsIn(smtp, phone);
    expect(lead!.customer.name).toBe(name.replace(/\s+/g, " "));
    expect(lead!.comments).toContain(message);
    expect(lead!.vehicle).toMatchObject({ year: 2025, make: "Toyota", model: expect.stringContaining("Tacoma") });
  });

  it("SMTP down for a while, then up: the lead is sent once, when it can be", async () => {
    const phone = customer();
    await smtp.down();
    try {
      await run.text(phone, "Hi this is Ana Ruiz, I want to talk numbers on the 2024 Tacoma");
      const conversation = await conversationOf(phone);
      await run.tick();
      const [job] = await jobsOf(conversation.id, "crm_lead");
      expect(job).toMatchObject({ status: "pending", payload: expect.objectContaining({ tries: 2 }) });
      clock.advance(30_000);
      await run.tick();
      expect((await jobsOf(conversation.id, "crm_lead"))[0]!.payload).toMatchObject({ tries: 3 });
    } finally {
      await smtp.up();
    }
    clock.advance(2 * 60_000);
    await run.tick();
    clock.advance(60 * 60_000);
    await run.tick();
    expect(leadsIn(smtp, phone)).toHaveLength(1);
    expect(managerPosts(run).filter((c) => String(c.body.text).includes("CRM did not get"))).toHaveLength(0);
  });

  it("a webhook that answers 500 and then 200 gets the event once more, with the same id, and keeps it", async () => {
    const phone = customer();
    hook.answerNext(500, 503);
    await run.text(phone, "hi do you have the 2024 Tacoma in red?");
    const conversation = await conversationOf(phone);
    await run.tick();
    clock.advance(30_000);
    await run.tick();
    clock.advance(2 * 60_000);
    await run.tick();
    clock.advance(10 * 60_000);
    await run.tick();
    const tries = hook.received.filter((r) => (r.event.conversation as { id: string }).id === conversation.id);
    expect(tries.map((r) => r.status)).toEqual([500, 503, 200]);
    expect(new Set(tries.map((r) => r.event.id)).size).toBe(1);
    expect(typesOf(eventsOf(hook, conversation.id))).toEqual(["conversation.created"]);
  });

  it("a permanent refusal is told to the managers once, counted in /healthz; an opt-out still reaches the CRM", async () => {
    const phone = customer();
    await run.text(phone, "hi is the service department open saturday?");
    const conversation = await conversationOf(phone);
    hook.answerNext(410);
    await run.tick();
    const alerts = managerPosts(run).filter((c) => String(c.body.text).includes("CRM did not get"));
    expect(alerts).toHaveLength(1);
    expect(String(alerts[0]!.body.text)).toContain("answered 410");
    expect(String(alerts[0]!.body.text)).not.toContain(phone);
    clock.advance(24 * 3600_000);
    await run.tick();
    expect(managerPosts(run).filter((c) => String(c.body.text).includes("CRM did not get"))).toHaveLength(1);
    const health = (await (await fetch(`${run.url}/healthz`)).json()) as { crm: { failedLast24h: number } };
    expect(health.crm.failedLast24h).toBeGreaterThanOrEqual(1);

    const textsBefore = run.twilio.messages.filter((m) => m.to === phone).length;
    await run.text(phone, "STOP");
    await conversationOf(phone);
    await run.tick();
    const optOut = eventsOf(hook, conversation.id).find((e) => e.event.type === "optout.recorded");
    expect(optOut!.event).toMatchObject({ customer: { phone, optedOut: true }, data: { source: "customer" } });
    // Nothing about it was texted by Baton (the provider confirms STOP itself).
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(textsBefore);
  });
});

const postgres = process.env.TEST_DATABASE_URL;
if (!postgres) console.warn('CRM on replicas skipped: set TEST_DATABASE_URL (eval "$(bash .ci/start-postgres.sh)")');

describe.skipIf(!postgres)("the CRM's outbox on two replicas of one PostgreSQL database", () => {
  let db: TestDatabase;
  let slack: FakeSlackApi;
  let twilio: FakeTwilioApi;
  let smtp: FakeSmtp;
  let hook: FakeWebhook;
  let a: RunningBaton;
  let b: RunningBaton;
  const clock = new ManualClock("2026-03-03T16:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase({ kind: "postgres" });
    [slack, twilio, smtp, hook] = await Promise.all([
      startFakeSlackApi(),
      startFakeTwilioApi({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
      startFakeSmtp(),
      startFakeWebhook(),
    ]);
    const env = {
      DATABASE_URL: db.url!,
      CRM_ADF_EMAIL: CRM_ADDRESS,
      SMTP_URL: smtp.url,
      SMTP_FROM: "baton@maple-ridge.example",
      CRM_WEBHOOK_URL: hook.url,
      CRM_WEBHOOK_SECRET: SECRET,
    };
    a = await startBaton(env, { slack, twilio, clock });
    b = await startBaton(env, { slack, twilio, clock });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([slack?.close(), twilio?.close(), smtp?.stop(), hook?.stop()]);
    await db?.close();
  });

  it("both replicas tick at once, after a failure too: each event and each lead is delivered once", async () => {
    const phones = Array.from({ length: 6 }, (_, i) => `+1512555${String(8300 + i).padStart(4, "0")}`);
    hook.answerNext(500, 500, 500);
    // Half the texts to each replica: the conversations and their jobs are in the one database.
    await Promise.all(
      phones.map((phone, i) =>
        (i % 2 ? b : a).text(phone, `Hi this is Kim ${i}, what is your best price on the 2024 Tacoma?`),
      ),
    );
    await Promise.all([a.baton.idle(), b.baton.idle()]);
    await Promise.all([a.tick(), b.tick()]);
    clock.advance(30_000);
    await Promise.all([a.tick(), b.tick()]);
    clock.advance(2 * 60_000);
    await Promise.all([a.tick(), b.tick()]);

    const delivered = hook.accepted().map((r) => r.event.id);
    expect(delivered).toHaveLength(phones.length * 2); // conversation.created and handoff.requested each
    expect(new Set(delivered).size).toBe(delivered.length);
    for (const phone of phones) expect(smtp.mails.filter((m) => m.text.includes(phone))).toHaveLength(1);
    const jobs = await db.prisma.scheduledJob.groupBy({
      by: ["type", "status"],
      where: { type: { in: ["crm_webhook", "crm_lead"] } },
      _count: true,
    });
    expect(jobs.map((j) => [j.type, j.status, j._count]).sort()).toEqual([
      ["crm_lead", "done", phones.length],
      ["crm_webhook", "done", phones.length * 2],
    ]);
  });
});
