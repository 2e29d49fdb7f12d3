import { describe, expect, it } from "vitest";
import type { InboundSmsRecord } from "../../../src/core/ports/store.js";
import { storeWithDealership } from "../../helpers/store-with-dealership.js";
import { testStores } from "../../helpers/test-database.js";

const CUSTOMER = "+15125550177";
const T0 = new Date("2026-03-02T15:00:00.123Z");
let sid = 0;
const text = (body: string, over: Partial<InboundSmsRecord> = {}): InboundSmsRecord => ({
  dealershipId: "main",
  from: CUSTOMER,
  body,
  providerId: `SM${String(++sid).padStart(32, "0")}`,
  numMedia: 0,
  receivedAt: T0,
  ...over,
});

describe.each(testStores())("recordInbound: a customer's text filed in one statement (%s)", (kind) => {
  const fixture = storeWithDealership(kind);

  it("files a first text under a new customer and conversation, with the clock's time to the millisecond", async () => {
    const first = await fixture.store.recordInbound(text("is the tacoma still there?", { numMedia: 2 }));
    expect(first.duplicate).toBe(false);
    const message = await fixture.store.getMessage(first.messageId);
    expect(message).toMatchObject({
      conversationId: first.conversationId,
      direction: "inbound",
      author: "customer",
      body: "is the tacoma still there?",
      numMedia: 2,
      status: "received",
    });
    expect(message!.createdAt.toISOString()).toBe(T0.toISOString());
    const conversation = await fixture.store.getConversation(first.conversationId);
    expect(conversation).toMatchObject({
      status: "ai",
      customer: { phone: CUSTOMER, optedOut: false },
      lastCustomerAt: T0,
    });
    expect(conversation!.previousConversationId).toBeUndefined();
  });

  it("files later texts in the same open conversation and moves its last-customer time", async () => {
    const first = await fixture.store.recordInbound(text("hi"));
    const later = new Date(T0.getTime() + 90_000);
    const second = await fixture.store.recordInbound(text("still there?", { receivedAt: later }));
    expect(second.conversationId).toBe(first.conversationId);
    expect((await fixture.store.getConversation(first.conversationId))!.lastCustomerAt).toEqual(later);
    expect(await fixture.db.prisma.customer.count()).toBe(1);
  });

  it("stores a redelivered MessageSid once and answers with the first copy", async () => {
    const original = text("hello");
    const first = await fixture.store.recordInbound(original);
    const again = await fixture.store.recordInbound(original);
    expect(again).toEqual({ messageId: first.messageId, conversationId: first.conversationId, duplicate: true });
    expect(await fixture.db.prisma.message.count()).toBe(1);
  });

  it("moves a claimed thread for its owner only, in the same update (a non-owner's click after a racing claim changes nothing)", async () => {
    const { conversationId } = await fixture.store.recordInbound(text("need a person"));
    expect(await fixture.store.applyMove({ conversationId, action: "request_handoff", at: T0 })).toBe(true);
    // Sam clicked Resolve while the card was pending; Jordan's claim lands first.
    expect(
      await fixture.store.applyMove({
        conversationId,
        action: "claim",
        at: T0,
        owner: { id: "U0JORDAN01", name: "Jordan" },
      }),
    ).toBe(true);
    expect(await fixture.store.applyMove({ conversationId, action: "resolve", at: T0, by: "U0SAM00001" })).toBe(false);
    expect(await fixture.store.applyMove({ conversationId, action: "hand_back", at: T0, by: "U0SAM00001" })).toBe(
      false,
    );
    expect((await fixture.store.getConversation(conversationId))!.status).toBe("claimed");
    expect(await fixture.store.applyMove({ conversationId, action: "resolve", at: T0, by: "U0JORDAN01" })).toBe(true);
  });

  it("opens a linked conversation after Resolve, and a redelivery of an old text opens none", async () => {
    const original = text("oil change please");
    const first = await fixture.store.recordInbound(original);
    expect(await fixture.store.applyMove({ conversationId: first.conversationId, action: "resolve", at: T0 })).toBe(
      true,
    );

    expect(await fixture.store.recordInbound(original)).toMatchObject({
      conversationId: first.conversationId,
      duplicate: true,
    });
    expect(await fixture.db.prisma.conversation.count()).toBe(1);

    const next = await fixture.store.recordInbound(text("one more question"));
    expect(next.conversationId).not.toBe(first.conversationId);
    expect((await fixture.store.getConversation(next.conversationId))!.previousConversationId).toBe(
      first.conversationId,
    );
    const events = await fixture.db.prisma.conversationEvent.findMany({
      where: { conversationId: next.conversationId },
    });
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ["reopened", { previousConversationId: first.conversationId }],
    ]);
  });

  it("gives a new customer's burst of simultaneous first texts one customer and one open conversation", async () => {
    const burst = Array.from({ length: 12 }, (_, i) => text(`text ${i}`, { from: "+15125550188" }));
    const filed = await Promise.all(burst.map((sms) => fixture.store.recordInbound(sms)));
    expect(new Set(filed.map((f) => f.conversationId)).size).toBe(1);
    expect(filed.every((f) => !f.duplicate)).toBe(true);
    expect(await fixture.db.prisma.customer.count({ where: { phone: "+15125550188" } })).toBe(1);
    expect(await fixture.db.prisma.message.count({ where: { conversationId: filed[0]!.conversationId } })).toBe(12);
  });

  it("refuses a second open conversation for one customer in the database itself", async () => {
    const first = await fixture.store.recordInbound(text("hi"));
    const { customerId } = (await fixture.db.prisma.conversation.findUniqueOrThrow({
      where: { id: first.conversationId },
    }))!;
    await expect(
      fixture.db.prisma.conversation.create({ data: { dealershipId: "main", customerId } }),
    ).rejects.toMatchObject({
      code: "P2002",
    });
  });
});
