import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const REP = { id: "U0RELAY001", name: "riley" };

describe("the outbox: every SMS is a row first, retried when it can succeed, explained when it cannot", () => {
  let run: RunningBaton;
  beforeAll(async () => {
    run = await startBaton();
    run.slack.users.set(REP.id, { name: "riley", real_name: "Riley Chen", display_name: "Riley" });
  });
  afterAll(async () => run?.stop());

  it("a provider failing the first two sends with 500 still delivers exactly one SMS", async () => {
    const customer = "+15125559100";
    run.twilio.failNext(2, { status: 500 });
    await run.text(customer, "what are your hours on saturday?");
    await run.baton.idle();
    const delivered = run.twilio.messages.filter((m) => m.to === customer);
    const attempts = run.twilio.requests.filter((r) => r.method === "POST" && r.path.endsWith("/Messages.json"));
    expect(delivered).toHaveLength(1);
    expect(attempts.filter((r) => r.status === 500)).toHaveLength(2);
    const row = await run.baton.database.prisma.message.findFirstOrThrow({
      where: { direction: "outbound", conversation: { customer: { phone: customer } } },
    });
    expect(row.providerId).toBe(delivered[0]!.sid);
    expect(row.status).toBe("queued");
  });

  it("21610 (unsubscribed) is not retried; the thread is told why, and the customer is marked opted out", async () => {
    const customer = "+15125559200";
    await run.text(customer, "I want to speak to a manager");
    const post = await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.channel === HANDOFF_CHANNEL &&
        JSON.stringify(c.body.blocks ?? "").includes("•••-•••-9200"),
    );
    const card = { channel: String(post.response.body.channel), ts: String(post.response.body.ts) };
    const conversationId = (post.body.blocks as { type: string; elements?: { value?: string }[] }[]).find(
      (b) => b.type === "actions",
    )!.elements![0]!.value!;
    await run.baton.idle();
    run.twilio.failNext(1, { status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" });
    await run.click("baton_claim", conversationId, REP, card);
    const warning = await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" && c.body.thread_ts === card.ts && String(c.body.text).includes("error 21610"),
    );
    expect(String(warning.body.text)).toContain("unsubscribed");
    const attempts = run.twilio.requests.filter(
      (r) => r.method === "POST" && r.path.endsWith("/Messages.json") && r.status === 400,
    );
    expect(attempts).toHaveLength(1);
    const customerRow = await run.baton.database.prisma.customer.findFirstOrThrow({ where: { phone: customer } });
    expect(customerRow.optedOut).toBe(true);
    // And the rep's next reply is refused at Baton, not at the carrier.
    const before = run.twilio.requests.length;
    await run.replyInThread(REP.id, "Hi, this is Riley", card);
    await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.thread_ts === card.ts &&
        String(c.body.text).includes("Not sent: the customer opted out"),
    );
    expect(run.twilio.requests.length).toBe(before);
  });

  it("a delivery receipt saying undelivered is shown in the thread", async () => {
    const { signTwilioRequest, toFormBody } = await import("../helpers/sign-requests.js");
    const { AUTH_TOKEN, PUBLIC_URL } = await import("../helpers/start-baton.js");
    const customer = "+15125559300";
    await run.text(customer, "can I talk to a real person");
    const post = await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.channel === HANDOFF_CHANNEL &&
        JSON.stringify(c.body.blocks ?? "").includes("•••-•••-9300"),
    );
    await run.baton.idle();
    const sms = run.twilio.messages.filter((m) => m.to === customer).at(-1)!;
    expect(sms.statusCallback).toBe(`${PUBLIC_URL}/twilio/status`);
    const params = {
      MessageSid: sms.sid,
      MessageStatus: "undelivered",
      ErrorCode: "30003",
      AccountSid: "AC",
      To: customer,
    };
    const res = await fetch(`${run.url}/twilio/status`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": signTwilioRequest(AUTH_TOKEN, `${PUBLIC_URL}/twilio/status`, params),
      },
      body: toFormBody(params),
    });
    expect(res.status).toBe(204);
    const warning = await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.thread_ts === String(post.response.body.ts) &&
        String(c.body.text).includes("was not delivered"),
    );
    // Twilio's code is shown, with what it means in Baton's words.
    expect(String(warning.body.text)).toContain(
      "(error 30003): the phone is unreachable (off or out of coverage); the customer did not get it",
    );
    const row = await run.baton.database.prisma.message.findFirstOrThrow({ where: { providerId: sms.sid } });
    expect(row.status).toBe("undeliverable");
    expect(row.errorCode).toBe("30003");
  });
});
