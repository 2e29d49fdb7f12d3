import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaConversationStore } from "../../src/adapters/store/prisma/prisma-conversation-store.js";
import { reachedCustomer } from "../../src/core/conversation/conversation.js";
import { SmsGateway } from "../../src/core/messaging/sms-gateway.js";
import { systemClock } from "../../src/core/ports/clock.js";
import { silentLogger } from "../../src/core/ports/logger.js";
import { SmsSendError } from "../../src/core/ports/sms.js";
import { createTestDatabase, testStores, type TestDatabase } from "../helpers/test-database.js";
import { RecordingSmsSender, RecordingStaffChat } from "../helpers/recording-ports.js";

const DEALER = "+15125550100";
const CUSTOMER = "+15125550188";

describe.each(testStores())("SmsGateway, the one place every SMS passes (%s)", (kind) => {
  let db: TestDatabase;
  let store: PrismaConversationStore;
  let sender: RecordingSmsSender;
  let chat: RecordingStaffChat;
  let gateway: SmsGateway;
  let conversationId: string;
  let sid = 0;

  beforeEach(async () => {
    db = await createTestDatabase({ kind });
    store = new PrismaConversationStore(db.prisma);
    sender = new RecordingSmsSender();
    chat = new RecordingStaffChat();
    gateway = new SmsGateway({
      store,
      sender,
      staffChat: chat,
      clock: systemClock,
      logger: silentLogger,
      fromNumberFor: () => DEALER,
    });
    await store.ensureDealership({
      id: "main",
      name: "Maple Ridge Motors",
      timezone: "America/Chicago",
      smsNumber: DEALER,
    });
    ({ conversationId } = await store.recordInbound({
      dealershipId: "main",
      from: CUSTOMER,
      body: "hi",
      providerId: `SM${++sid}`.padEnd(34, "0"),
      numMedia: 0,
      receivedAt: new Date(),
    }));
  });
  afterEach(async () => db?.close());

  const send = (purpose: "ai_reply" | "rep_reply" | "claim_notice" | "optout_confirmation", key: string) =>
    gateway.send({
      conversationId,
      body: `a ${purpose}`,
      author: purpose === "rep_reply" ? "rep" : "ai",
      purpose,
      idempotencyKey: key,
    });

  it("sends from the dealership number and records the provider id", async () => {
    const result = await send("ai_reply", "k1");
    expect(result.outcome).toBe("sent");
    expect(sender.sent).toEqual([{ from: DEALER, to: CUSTOMER, body: "a ai_reply" }]);
    const row = await db.prisma.message.findUniqueOrThrow({ where: { idempotencyKey: "k1" } });
    expect(row.providerId).toMatch(/^SM/);
    expect(row.status).toBe("queued");
  });

  it("sends once per idempotency key, even when asked concurrently", async () => {
    const results = await Promise.all([send("ai_reply", "same"), send("ai_reply", "same"), send("ai_reply", "same")]);
    expect(results.filter((r) => r.outcome === "sent")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(2);
    expect(sender.sent).toHaveLength(1);
  });

  it("refuses every kind of send to an opted-out number, except the one confirmation", async () => {
    const conversation = (await store.getConversation(conversationId))!;
    await store.setOptOut(conversation.customer.id, true, new Date());
    for (const purpose of ["ai_reply", "rep_reply", "claim_notice"] as const) {
      expect(await send(purpose, `opt-${purpose}`)).toEqual({ outcome: "refused", reason: "opted_out" });
    }
    expect(sender.sent).toHaveLength(0);
    expect((await send("optout_confirmation", "confirm")).outcome).toBe("sent");
    expect(await db.prisma.message.count({ where: { direction: "outbound" } })).toBe(1);
  });

  it("checks ownership at the moment of an automated send, not when it was planned", async () => {
    await store.applyMove({ conversationId, action: "claim", at: new Date(), owner: { id: "U1", name: "Jordan" } });
    expect(await send("ai_reply", "late-ai")).toEqual({ outcome: "refused", reason: "person_owns_thread" });
    expect((await send("rep_reply", "rep-1")).outcome).toBe("sent");
    await store.applyMove({ conversationId, action: "resolve", at: new Date() });
    expect(await send("ai_reply", "after-resolve")).toEqual({ outcome: "refused", reason: "resolved" });
  });

  it("records a provider failure and shows it in the thread", async () => {
    await store.updateConversation(conversationId, { thread: { chat: "recording", channel: "C0TEST", ts: "1.0001" } });
    sender.failNext(
      new SmsSendError("Attempt to send to unsubscribed recipient", "opted_out", { providerCode: "21610" }),
    );
    const result = await send("rep_reply", "fails");
    expect(result).toMatchObject({ outcome: "failed", reason: "opted_out", providerCode: "21610", permanent: true });
    const row = await db.prisma.message.findUniqueOrThrow({ where: { idempotencyKey: "fails" } });
    expect(row.status).toBe("failed");
    expect(row.errorCode).toBe("21610");
    expect(chat.posts.at(-1)?.post.kind).toBe("warning");
    expect(chat.posts.at(-1)?.post.text).toContain("error 21610");
    expect(chat.posts.at(-1)?.post.text).toContain("the customer unsubscribed from this number at the carrier");
    // The carrier's opt-out is the customer's: nothing automated texts them again.
    const conversation = await store.getConversation(conversationId);
    expect(conversation?.customer.optedOut).toBe(true);
  });

  it("reads a row stored with Twilio's word before statuses were Baton's: undelivered is undeliverable", async () => {
    const result = await send("ai_reply", "old-row");
    if (result.outcome !== "sent") throw new Error(result.outcome);
    await db.prisma.message.update({ where: { id: result.message.id }, data: { status: "undelivered" } });
    const read = await store.getMessage(result.message.id);
    expect(read?.status).toBe("undeliverable");
    expect(reachedCustomer(read!)).toBe(false);
    // An inbound text's own words are left alone.
    const inbound = (await store.listMessages(conversationId, 10)).find((m) => m.direction === "inbound");
    expect(inbound?.status).toBe("received");
  });

  it("shows a failure without a provider code in words, without an empty error mention", async () => {
    await store.updateConversation(conversationId, { thread: { chat: "recording", channel: "C0TEST", ts: "1.0001" } });
    sender.failNext(new SmsSendError("The number +15125550123 is not valid", "invalid_number"));
    const result = await send("rep_reply", "fails-without-code");
    expect(result).toMatchObject({ outcome: "failed", reason: "invalid_number", permanent: true });
    const row = await db.prisma.message.findUniqueOrThrow({ where: { idempotencyKey: "fails-without-code" } });
    expect(row.errorCode).toBeNull();
    expect(chat.posts.at(-1)?.post.text).toMatch(
      /^SMS to the customer was not sent: this is not a valid phone number\./,
    );
  });
});

describe.each(testStores())("SmsGateway under provider faults and a racing STOP (%s)", (kind) => {
  let db: TestDatabase;
  let store: PrismaConversationStore;
  let sender: RecordingSmsSender;
  let gateway: SmsGateway;
  let conversationId: string;
  let sid = 100;
  const inbound = (body: string) =>
    store.recordInbound({
      dealershipId: "main",
      from: CUSTOMER,
      body,
      providerId: `SM${++sid}`.padEnd(34, "0"),
      numMedia: 0,
      receivedAt: new Date(),
    });

  beforeEach(async () => {
    db = await createTestDatabase({ kind });
    store = new PrismaConversationStore(db.prisma);
    sender = new RecordingSmsSender();
    gateway = new SmsGateway({
      store,
      sender,
      staffChat: new RecordingStaffChat(),
      clock: systemClock,
      logger: silentLogger,
      fromNumberFor: () => DEALER,
      retryDelaysMs: [1, 1],
    });
    await store.ensureDealership({
      id: "main",
      name: "Maple Ridge Motors",
      timezone: "America/Chicago",
      smsNumber: DEALER,
    });
    ({ conversationId } = await inbound("is the silverado still there"));
  });
  afterEach(async () => db?.close());

  it("a STOP stored but not yet processed refuses the AI's and a rep's texts; the STOP's own confirmation still goes", async () => {
    await inbound("STOP");
    for (const purpose of ["ai_reply", "rep_reply"] as const) {
      const result = await gateway.send({
        conversationId,
        body: "It is!",
        author: purpose === "ai_reply" ? "ai" : "rep",
        purpose,
        idempotencyKey: `k-${purpose}`,
      });
      expect(result).toEqual({ outcome: "refused", reason: "opted_out" });
    }
    const confirmation = await gateway.send({
      conversationId,
      body: "You are unsubscribed.",
      author: "ai",
      purpose: "optout_confirmation",
      idempotencyKey: "k-confirm",
    });
    expect(confirmation.outcome).toBe("sent");
    expect(sender.sent.map((m) => m.body)).toEqual(["You are unsubscribed."]);
  });

  it("a question that merely mentions stopping is no opt-out", async () => {
    await inbound("what time do you stop serving customers on saturday?");
    const result = await gateway.send({
      conversationId,
      body: "We close at 6 PM.",
      author: "ai",
      purpose: "ai_reply",
      idempotencyKey: "k",
    });
    expect(result.outcome).toBe("sent");
  });

  it("a send whose answer was lost is asked about before any retry: the customer gets it once, recorded as sent", async () => {
    sender.acceptButFailNext(new SmsSendError("socket hang up", "provider_error", { uncertain: true }));
    const result = await gateway.send({
      conversationId,
      body: "We open at 8.",
      author: "ai",
      purpose: "ai_reply",
      idempotencyKey: "k",
    });
    expect(result.outcome).toBe("sent");
    expect(sender.sent).toHaveLength(1);
    expect(sender.lookups).toBe(1);
    expect((await db.prisma.message.findUniqueOrThrow({ where: { idempotencyKey: "k" } })).status).toBe("queued");
  });

  const LATE_REPLY = "It is! Want to see it today?";
  /** An AI reply waiting for a later try (written a minute ago), the customer writing again, then the try. */
  async function retryAfterCustomerWroteAgain() {
    const row = await db.prisma.message.create({
      data: {
        conversationId,
        direction: "outbound",
        author: "ai",
        body: LATE_REPLY,
        idempotencyKey: "late",
        status: "retrying",
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    await inbound("hello??");
    return { row, outcome: await gateway.retry(row.id, 1, true) };
  }

  it("a later try asks the provider before anything else: a text that went out is recorded as sent, even if the customer wrote since", async () => {
    // The provider took it, but every answer was lost; the row waits for a later try.
    await sender.send({ from: DEALER, to: CUSTOMER, body: LATE_REPLY });
    const { row, outcome } = await retryAfterCustomerWroteAgain();
    expect(outcome.kind).toBe("confirmed");
    expect(sender.sent).toHaveLength(1);
    expect((await db.prisma.message.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("queued");
  });

  it("a later try of an AI reply the customer has written past is not sent: the newer answer speaks", async () => {
    const { outcome } = await retryAfterCustomerWroteAgain();
    expect(outcome.kind).toBe("stale");
    expect(sender.sent).toHaveLength(0);
  });

  it("a clear refusal (429) is retried without asking; the provider is asked only when it may have taken the text", async () => {
    sender.failNext(new SmsSendError("Too Many Requests", "rate_limited", { providerCode: "http_429" }));
    const result = await gateway.send({
      conversationId,
      body: "We open at 8.",
      author: "ai",
      purpose: "ai_reply",
      idempotencyKey: "k",
    });
    expect(result.outcome).toBe("sent");
    expect(sender.lookups).toBe(0);
  });
});

describe.each(testStores())("claims are atomic in the database (%s)", (kind) => {
  it("of ten concurrent claims exactly one wins", async () => {
    const db = await createTestDatabase({ kind });
    try {
      const store = new PrismaConversationStore(db.prisma);
      await store.ensureDealership({ id: "main", name: "M", timezone: "America/Chicago" });
      const { conversationId } = await store.recordInbound({
        dealershipId: "main",
        from: CUSTOMER,
        body: "hi",
        providerId: "SM" + "9".repeat(32),
        numMedia: 0,
        receivedAt: new Date(),
      });
      await store.applyMove({ conversationId, action: "request_handoff", at: new Date(), handoffReason: "price" });
      const wins = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.applyMove({
            conversationId,
            action: "claim",
            at: new Date(),
            owner: { id: `U${i}`, name: `Rep ${i}` },
          }),
        ),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = wins.indexOf(true);
      expect((await store.getConversation(conversationId))!.owner).toEqual({ id: `U${winner}`, name: `Rep ${winner}` });
    } finally {
      await db.close();
    }
  });
});
