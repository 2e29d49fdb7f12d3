import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import type { FakeSlackCall } from "../helpers/fake-slack-api.js";
import { LEAD_RATE_LIMITS } from "../../src/http/leads-routes.js";
import { adfLead, LEADS_TOKEN, postAdf, postForm } from "../helpers/post-lead.js";
import { DEALER_NUMBER, HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const JORDAN = { id: "U0JORDAN01", name: "jordan" };
const isCard = (c: FakeSlackCall) =>
  c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts;
const textOf = (call: FakeSlackCall) => JSON.stringify(call.body.blocks ?? "") + String(call.body.text ?? "");
const claimValue = (call: FakeSlackCall) =>
  (call.body.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[])
    .find((b) => b.type === "actions")!
    .elements!.find((e) => e.action_id === "baton_claim")!.value!;

let seq = 0;
/** A new customer's number for each test, so the tests stay independent. */
const nextPhone = () => `+1512555${String(200 + ++seq).padStart(4, "0")}`;
const form = (phone: string, extra: Record<string, unknown> = {}) => ({
  name: "Dana Reyes",
  phone: phone.replace("+1", ""),
  email: "dana@example.com",
  vehicle: "2025 Toyota Tacoma TRD Off-Road",
  message: "Do you have it in blue?",
  smsConsent: true,
  consentText: "I agree to receive texts from Maple Ridge Motors. Msg & data rates may apply. Reply STOP to opt out.",
  ...extra,
});

describe("POST /leads/form and the leads token", () => {
  let run: RunningBaton;
  const clock = new ManualClock("2026-03-02T15:00:00Z"); // Monday 09:00 in Chicago
  const counts = async () => ({
    leads: await run.baton.database.prisma.lead.count(),
    customers: await run.baton.database.prisma.customer.count(),
  });
  const textsTo = (phone: string) => run.twilio.messages.filter((m) => m.to === phone);

  beforeAll(async () => {
    run = await startBaton({ LEADS_TOKEN }, { clock });
    run.slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
  });
  afterAll(async () => run?.stop());
  beforeEach(() => void clock.advance(60 * 60_000));

  it("refuses a missing or wrong token with 401 and stores nothing", async () => {
    const before = await counts();
    for (const via of [
      "none",
      { bearer: "wrong-token-000000000000" },
      { query: "wrong-token-000000000000" },
      { bearer: `${LEADS_TOKEN}x` },
    ] as const) {
      const res = await postForm(run, form(nextPhone()), via);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.json()).toMatchObject({ ok: false, error: "unauthorized" });
    }
    const adf = await postAdf(run, adfLead({ phone: "512-555-0999" }), { query: "nope" });
    expect(adf.status).toBe(401);
    await run.baton.idle();
    expect(await counts()).toEqual(before);
    expect(run.twilio.messages).toHaveLength(0);
  });

  it("with consent, texts the customer at once (token as a bearer header)", async () => {
    const phone = nextPhone();
    const res = await postForm(run, form(phone));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ ok: true, status: "new", next: "first_text" });
    await run.baton.idle();
    const [first] = textsTo(phone);
    expect(first!.body).toBe(
      "Hi Dana, thanks for asking about the 2025 Toyota Tacoma TRD Off-Road. This is Maple Ridge Motors. When would be a good time for you to come see it? Reply STOP to opt out.",
    );
    const lead = await run.baton.database.prisma.lead.findFirstOrThrow({ where: { phone } });
    expect(lead).toMatchObject({
      source: "form",
      smsConsent: true,
      consentSource: "form_checkbox",
      firstTouch: "sent",
    });
    expect(lead.consentText).toContain("I agree to receive texts");
  });

  it("takes the token in the URL too (?token=), for providers that can only be given a URL", async () => {
    const phone = nextPhone();
    const res = await postForm(run, form(phone), { query: LEADS_TOKEN });
    expect(res.status).toBe(202);
    await run.baton.idle();
    expect(textsTo(phone)).toHaveLength(1);
  });

  it("without consent: no text; the lead goes to the handoff channel for a person, and a claim texts nothing", async () => {
    const phone = nextPhone();
    const res = await postForm(run, form(phone, { smsConsent: false, name: "Sam Ortiz", message: "Call me after 5" }));
    expect(await res.json()).toMatchObject({ status: "new", next: "person" });
    const card = await run.slack.waitFor((c) => isCard(c) && textOf(c).includes("Sam"));
    const shown = textOf(card);
    expect(shown).toContain("Website form from Website");
    expect(shown).toContain("Not texted: no SMS consent on this lead. Call or e-mail.");
    expect(shown).toContain("Call me after 5");
    expect(shown).toContain("dana@example.com");
    expect(shown).toContain("New lead for a person to contact");
    await run.baton.idle();
    await run.click("baton_claim", claimValue(card), JORDAN, {
      channel: HANDOFF_CHANNEL,
      ts: String(card.response.body.ts),
    });
    await run.slack.waitFor((c) => c.method === "chat.update" && textOf(c).includes("Claimed by"));
    await run.baton.idle();
    expect(textsTo(phone)).toHaveLength(0); // not even "Jordan will text you shortly"
  });

  it("never texts a number that opted out; the lead is still stored and shown", async () => {
    const phone = nextPhone();
    await run.text(phone, "STOP");
    await run.baton.idle();
    const res = await postForm(run, form(phone, { name: "Kim Lee" }));
    expect(res.status).toBe(202);
    const card = await run.slack.waitFor((c) => isCard(c) && textOf(c).includes("Kim"));
    expect(textOf(card)).toContain("Not texted: this number opted out of texts. Call or e-mail.");
    await run.baton.idle();
    expect(textsTo(phone)).toHaveLength(0);
    expect((await run.baton.database.prisma.lead.findFirstOrThrow({ where: { phone } })).firstTouch).toBe(
      "refused:opted_out",
    );
  });

  it("shows an e-mail-only lead in the handoff channel when there is no manager channel, so a person e-mails them", async () => {
    const res = await postForm(run, form(nextPhone(), { phone: "", name: "Lee Park", email: "lee.park@example.com" }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: "new", next: "person" });
    const post = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && String(c.body.text).includes("lee.park@example.com"),
    );
    expect(post.body.channel).toBe(HANDOFF_CHANNEL);
    expect(String(post.body.text)).toContain("New lead with no phone number");
  });

  it("does not text twice for the same person and vehicle within 24 hours, nor for a redelivered lead id", async () => {
    const phone = nextPhone();
    expect((await postForm(run, form(phone, { leadId: "web-77" }))).status).toBe(202);
    await run.baton.idle();
    clock.advance(3 * 60 * 60_000);
    const again = await postForm(run, form(phone, { message: "Still interested!" }));
    expect(await again.json()).toMatchObject({ status: "repeat", next: "nothing" });
    const redelivered = await postForm(run, form(phone, { leadId: "web-77" }));
    expect(redelivered.status).toBe(200);
    expect(await redelivered.json()).toMatchObject({ status: "redelivered" });
    await run.baton.idle();
    expect(textsTo(phone)).toHaveLength(1);
    const rows = await run.baton.database.prisma.lead.findMany({ where: { phone }, orderBy: { receivedAt: "asc" } });
    expect(rows.map((r) => [r.kind, r.firstTouch])).toEqual([
      ["new", "sent"],
      ["repeat", "skipped:repeat"],
    ]);
    expect(rows[1]!.conversationId).toBe(rows[0]!.conversationId);
  });

  it("appends a new lead to the customer's open conversation and notes it in the card's thread", async () => {
    const phone = nextPhone();
    await postForm(run, form(phone, { smsConsent: false, name: "Ari Cole" }));
    const card = await run.slack.waitFor((c) => isCard(c) && textOf(c).includes("Ari"));
    await run.baton.idle();
    const res = await postForm(
      run,
      form(phone, {
        smsConsent: false,
        name: "Ari Cole",
        vehicle: { year: 2024, make: "Toyota", model: "4Runner", stock: "51002" },
      }),
    );
    expect(await res.json()).toMatchObject({ status: "appended", next: "person" });
    const note = await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.thread_ts === card.response.body.ts &&
        String(c.body.text).includes("4Runner"),
    );
    expect(String(note.body.text)).toContain("stock 51002");
    const redrawn = await run.slack.waitFor(
      (c) => c.method === "chat.update" && c.body.ts === card.response.body.ts && textOf(c).includes("4Runner"),
    );
    expect(textOf(redrawn)).toContain("(2 leads)");
    await run.baton.idle();
    expect(run.slack.calls.filter((c) => isCard(c) && textOf(c).includes("Ari"))).toHaveLength(1);
  });

  it("keeps a lead with a NUL character in it (a form or an ADF feed may send one), instead of failing it on every retry", async () => {
    const phone = nextPhone();
    const res = await postForm(run, form(phone, { name: "Dana\u0000 Reyes", message: "blue?\u0000" }));
    expect(res.status).toBe(202);
    const adf = await postAdf(run, adfLead({ phone: nextPhone(), first: "Sam\u0000", comments: "call after 5\u0000" }));
    expect(adf.status).toBe(202);
    await run.baton.idle();
    const stored = await run.baton.database.prisma.lead.findMany({ orderBy: { createdAt: "desc" }, take: 2 });
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain("\\u0000");
  });

  it("texts only ordinary lines in the store's countries: never premium, toll-free, foreign or its own number; a person sees those leads", async () => {
    const before = run.twilio.messages.length;
    const cases: Array<[phone: string, says: RegExp]> = [
      ["+19005550188", /premium-rate/],
      ["+18005550199", /toll-free/],
      ["+12425550123", /outside this store's texting countries/],
      ["+447700900123", /outside this store's texting countries|no known numbering plan/],
      [DEALER_NUMBER, /store's own texting number/],
    ];
    for (const [phone, says] of cases) {
      const res = await postForm(run, form(phone, { phone }));
      expect(res.status, phone).toBe(202);
      await run.baton.idle();
      const card = run.slack.calls.filter(isCard).at(-1)!;
      expect(textOf(card), phone).toMatch(says);
    }
    expect(run.twilio.messages.length).toBe(before);
  });

  it("turns one address flooding the form away with 429 and Retry-After, storing nothing past the limit", async () => {
    clock.advance(2 * 60_000); // a fresh minute
    const before = await counts();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < LEAD_RATE_LIMITS.perAddress + 3; i++) {
      const res = await postForm(run, form(nextPhone(), { smsConsent: false }));
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
    }
    await run.baton.idle();
    expect(statuses.filter((s) => s === 202)).toHaveLength(LEAD_RATE_LIMITS.perAddress);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await counts()).leads - before.leads).toBe(LEAD_RATE_LIMITS.perAddress);
    clock.advance(2 * 60_000); // the next minute takes leads again
    expect((await postForm(run, form(nextPhone(), { smsConsent: false }))).status).toBe(202);
  });

  it("answers bad input with a clear 4xx and stores nothing", async () => {
    await run.baton.idle();
    const before = await counts();
    const cases: [unknown, number, string, string?][] = [
      [form(nextPhone(), { smsConsent: "yes" }), 400, "invalid_form", "smsConsent"],
      [form(nextPhone(), { email: "not-an-email" }), 400, "invalid_form", "email"],
      [{ name: "Nobody", message: "hi" }, 422, "no_contact", "no usable contact"],
      [form("555-0000"), 422, "invalid_phone", "phone: not a valid US phone number"],
      ["{not json", 400, "malformed", "not valid JSON"],
    ];
    for (const [body, status, error, words] of cases) {
      const res = await postForm(run, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const answer = (await res.json()) as { error: string; message: string };
      expect(answer.error).toBe(error);
      if (words) expect(answer.message).toContain(words);
    }
    expect(
      (await postForm(run, "name=Dana", { bearer: LEADS_TOKEN }, "application/x-www-form-urlencoded")).status,
    ).toBe(415);

    const xxe = `<?xml version="1.0"?><!DOCTYPE adf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><adf><prospect><customer><contact><name>X</name><phone>512-555-0198</phone></contact><comments>&xxe;</comments></customer></prospect></adf>`;
    const adfCases: [string, number, string][] = [
      [xxe, 400, "forbidden_markup"],
      [`<adf><prospect><customer>`, 400, "malformed"],
      [`<adf>${"<!-- padding -->".repeat(20_000)}</adf>`, 413, "too_large"],
      [adfLead({ phone: "(000) 000-0000" }), 422, "invalid_phone"],
    ];
    for (const [xml, status, error] of adfCases) {
      const res = await postAdf(run, xml);
      expect(res.status, error).toBe(status);
      expect(await res.json()).toMatchObject({ ok: false, error });
    }
    await run.baton.idle();
    expect(await counts()).toEqual(before);
  });
});

describe("POST /leads/* when no leads token is set", () => {
  it("says how to turn leads on", async () => {
    const run = await startBaton();
    try {
      const res = await postForm(run, form("+15125550111"));
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: "leads_off" });
    } finally {
      await run.stop();
    }
  });
});
