import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaConversationStore } from "../../src/adapters/store/prisma/prisma-conversation-store.js";
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
    gateway = new SmsGateway({ store, sender, staffChat: chat, clock: systemClock, logger: silentLogger, fromNumberFor: () => DEALER });
    await store.ensureDealership({ id: "main", name: "Maple Ridge Motors", timezone: "America/Chicago", smsNumber: DEALER });
    ({ conversationId } = await store.recordInbound({ dealershipId: "main", from: CUSTOMER, body: "hi", providerId: `SM${++sid}`.padEnd(34, "0"), numMedia: 0, receivedAt: new Date() }));
  });
  afterEach(async () => db?.close());

  const send = (purpose: "ai_reply" | "rep_reply" | "claim_notice" | "optout_confirmation", key: string) =>
    gateway.send({ conversationId, body: `a ${purpose}`, author: purpose === "rep_reply" ? "rep" : "ai", purpose, idempotencyKey: key });

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
    sender.failNext(new SmsSendError("Attempt to send to unsubscribed recipient", "21610", true));
    const result = await send("rep_reply", "fails");
    expect(result).toMatchObject({ outcome: "failed", code: "21610", permanent: true });
    const row = await db.prisma.message.findUniqueOrThrow({ where: { idempotencyKey: "fails" } });
    expect(row.status).toBe("failed");
    expect(row.errorCode).toBe("21610");
    expect(chat.posts.at(-1)?.post.kind).toBe("warning");
    expect(chat.posts.at(-1)?.post.text).toContain("error 21610");
  });
});

describe.each(testStores())("claims are atomic in the database (%s)", (kind) => {
  it("of ten concurrent claims exactly one wins", async () => {
    const db = await createTestDatabase({ kind });
    try {
      const store = new PrismaConversationStore(db.prisma);
      await store.ensureDealership({ id: "main", name: "M", timezone: "America/Chicago" });
      const { conversationId } = await store.recordInbound({ dealershipId: "main", from: CUSTOMER, body: "hi", providerId: "SM" + "9".repeat(32), numMedia: 0, receivedAt: new Date() });
      await store.applyMove({ conversationId, action: "request_handoff", at: new Date(), handoffReason: "price" });
      const wins = await Promise.all(Array.from({ length: 10 }, (_, i) => store.applyMove({ conversationId, action: "claim", at: new Date(), owner: { id: `U${i}`, name: `Rep ${i}` } })));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = wins.indexOf(true);
      expect((await store.getConversation(conversationId))!.owner).toEqual({ id: `U${winner}`, name: `Rep ${winner}` });
    } finally {
      await db.close();
    }
  });
});
