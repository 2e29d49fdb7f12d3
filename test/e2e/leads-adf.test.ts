import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import { PrismaFollowUpStore } from "../../src/adapters/store/prisma/prisma-follow-up-store.js";
import { computeDigest, formatDigest } from "../../src/core/follow-up/digest.js";
import type { FakeSlackCall } from "../helpers/fake-slack-api.js";
import { adfLead, LEADS_TOKEN, postAdf } from "../helpers/post-lead.js";
import { DEALER_NUMBER, HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const DANA = "+15125550123";
const LATE = "+15125550177";
const isCard = (c: FakeSlackCall) =>
  c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts;
const textOf = (call: FakeSlackCall) => JSON.stringify(call.body.blocks ?? "") + String(call.body.text ?? "");

describe("an ADF lead end to end: lead in → first text out → customer reply → handoff card with the lead's context", () => {
  let run: RunningBaton;
  // Monday 2 March 2026, 09:00 in Chicago: inside the sending window.
  const clock = new ManualClock("2026-03-02T15:00:00Z");

  beforeAll(async () => {
    run = await startBaton({ LEADS_TOKEN, LEADS_ADF_SMS_CONSENT: "true" }, { clock });
  });
  afterAll(async () => run?.stop());

  it("answers the provider at once and texts the customer a first text that shows it read the lead", async () => {
    const res = await postAdf(run, adfLead({ id: "CARS-1001", phone: "(512) 555-0123" }));
    expect(res.status).toBe(202);
    const body = (await res.json()) as {
      ok: boolean;
      leads: { status: string; next: string; conversationId: string }[];
    };
    expect(body).toMatchObject({ ok: true, leads: [{ status: "new", next: "first_text" }] });

    const [first] = await run.twilio.waitForMessages(1);
    expect(first!.to).toBe(DANA);
    expect(first!.from).toBe(DEALER_NUMBER);
    expect(first!.body).toBe(
      "Hi Dana, thanks for asking about the 2025 Toyota Tacoma TRD Off-Road, stock 45821. This is Maple Ridge Motors. When would be a good time for you to come see it? Reply STOP to opt out.",
    );
    await run.baton.idle();
    const lead = await run.baton.database.prisma.lead.findFirstOrThrow({
      where: { providerLeadId: "Cars.com:CARS-1001" },
    });
    expect(lead).toMatchObject({
      firstTouch: "sent",
      smsConsent: true,
      consentSource: "adf_rooftop_setting",
      phone: DANA,
      providerName: "Cars.com (Lead Engine)",
      vendorName: "Maple Ridge Motors",
    });
    expect(lead.firstTouchAt!.getTime() - lead.receivedAt.getTime()).toBe(0); // within the test's clock: no time passed
    // A lead with consent is the AI's: no card until a person is needed.
    expect(run.slack.calls.filter(isCard)).toHaveLength(0);
  });

  it("does not text twice when the provider delivers the same lead again", async () => {
    const res = await postAdf(run, adfLead({ id: "CARS-1001", phone: "(512) 555-0123" }), { query: LEADS_TOKEN });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, leads: [{ status: "redelivered", next: "nothing" }] });
    await run.baton.idle();
    expect(run.twilio.messages).toHaveLength(1);
    expect(await run.baton.database.prisma.lead.count()).toBe(1);
  });

  it("hands the customer's price reply to a person, and the card shows where the lead came from", async () => {
    await run.text(DANA, "We'd finance it. What's your best out the door price?");
    const card = await run.slack.waitFor(isCard);
    const shown = textOf(card);
    expect(shown).toContain("Dana");
    expect(shown).toContain("ADF lead from Cars.com (Lead Engine)");
    expect(shown).toContain("*Vendor:* Maple Ridge Motors");
    expect(shown).toContain("2025 Toyota Tacoma TRD Off-Road, stock 45821 (new; interest: buy)");
    expect(shown).toContain("I'd like to see it this week.");
    expect(shown).toContain("First text sent 0s after the lead arrived.");
    expect(shown).toContain("Hi Dana, thanks for asking about the 2025 Toyota Tacoma"); // the first text is in the last messages
    expect(shown).not.toContain("5125550123");
    await run.baton.idle();
  });

  it("holds a lead that arrives at night until the window opens, then sends it on the scheduler's tick", async () => {
    clock.set("2026-03-03T04:30:00Z"); // 22:30 in Chicago
    const res = await postAdf(run, adfLead({ id: "CARS-1002", first: "Lee", phone: "512-555-0177", stock: "45900" }));
    expect(res.status).toBe(202);
    await run.baton.idle();
    const before = run.twilio.messages.length;
    expect(run.twilio.messages.some((m) => m.to === LATE)).toBe(false);
    expect((await run.baton.database.prisma.lead.findFirstOrThrow({ where: { phone: LATE } })).firstTouch).toBe(
      "deferred",
    );

    clock.set("2026-03-03T13:59:00Z"); // 07:59
    await run.tick();
    expect(run.twilio.messages).toHaveLength(before);
    clock.set("2026-03-03T14:00:00Z"); // 08:00: the window opens
    await run.tick();
    const sent = await run.twilio.waitForMessages(before + 1);
    expect(sent.at(-1)!.to).toBe(LATE);
    expect(sent.at(-1)!.body).toContain(
      "Hi Lee, thanks for asking about the 2025 Toyota Tacoma TRD Off-Road, stock 45900.",
    );
    const lead = await run.baton.database.prisma.lead.findFirstOrThrow({ where: { phone: LATE } });
    expect(lead.firstTouch).toBe("sent");
    expect(lead.firstTouchAt!.getTime() - lead.receivedAt.getTime()).toBe(9.5 * 60 * 60_000);
  });

  it("reports speed to lead in the daily digest", async () => {
    const rows = await new PrismaFollowUpStore(run.baton.database.prisma).loadDigestRows(
      "main",
      new Date("2026-03-02T06:00:00Z"),
      new Date("2026-03-04T06:00:00Z"),
    );
    const figures = computeDigest(rows);
    expect(figures.leads).toEqual({ received: 2, texted: 2, medianMs: 0, p90Ms: 9.5 * 60 * 60_000 });
    expect(formatDigest("Maple Ridge Motors", "Tue, Mar 3", figures)).toContain(
      "• Leads: 2 · texted: 2 · speed to lead: median 0s, p90 9h 30m",
    );
  });
});
