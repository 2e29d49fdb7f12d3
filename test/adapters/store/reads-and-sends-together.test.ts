import { describe, expect, it } from "vitest";
import { storeWithDealership } from "../../helpers/store-with-dealership.js";
import { testStores } from "../../helpers/test-database.js";

const T0 = Date.parse("2026-03-02T15:00:00Z");
const at = (ms: number) => new Date(T0 + ms);
let sid = 0;

// A scheduler tick runs its due nudges at once, and replies finish together under load: their
// reads and sends of one turn share a statement. Each caller must still get exactly its own answer.
describe.each(testStores())("reads and sends made at the same moment (%s)", (kind) => {
  const fixture = storeWithDealership(kind);

  const text = async (from: string, body: string, ms: number) =>
    fixture.store.recordInbound({
      dealershipId: "main",
      from,
      body,
      providerId: `SM${String(++sid).padStart(32, "0")}`,
      numMedia: 0,
      receivedAt: at(ms),
    });

  const send = (conversationId: string, body: string, key: string, ms = 0) =>
    fixture.store.insertOutbound({ conversationId, body, author: "ai", idempotencyKey: key, at: at(ms) });

  it("each send is stored once under its key; a key sent twice at once or earlier returns the first send", async () => {
    const a = await text("+15125550201", "is the Civic still there?", 0);
    const b = await text("+15125550202", "oil change price?", 0);
    const earlier = await send(a.conversationId, "Yes, it is on the lot.", "reply:a:1");
    expect(earlier.created).toBe(true);

    const [first, twin, again, other] = await Promise.all([
      send(a.conversationId, "Want to see it today?", "nudge:a:1", 1000),
      send(a.conversationId, "Want to see it today? (twice)", "nudge:a:1", 1000),
      send(a.conversationId, "Yes, it is on the lot. (retry)", "reply:a:1", 1000),
      send(b.conversationId, "An oil change starts at $49.", "reply:b:1", 1000),
    ]);
    expect(first).toMatchObject({ created: true, message: { body: "Want to see it today?", status: "sending" } });
    expect(twin).toEqual({ created: false, message: first.message });
    expect(again).toEqual({ created: false, message: earlier.message });
    expect(other).toMatchObject({
      created: true,
      message: { conversationId: b.conversationId, body: "An oil change starts at $49.", createdAt: at(1000) },
    });
    const stored = await fixture.db.prisma.message.findMany({
      where: { direction: "outbound" },
      orderBy: { body: "asc" },
    });
    expect(stored.map((m) => m.body)).toEqual([
      "An oil change starts at $49.",
      "Want to see it today?",
      "Yes, it is on the lot.",
    ]);
  });

  it("each conversation's latest texts, oldest first, and none of another's", async () => {
    const a = await text("+15125550211", "first from a", 0);
    const b = await text("+15125550212", "first from b", 500);
    await text("+15125550211", "second from a", 1000);
    await send(a.conversationId, "answer to a", "reply:a", 2000);
    await text("+15125550211", "third from a", 3000);
    const [historyA, lastTwoOfA, historyB] = await Promise.all([
      fixture.store.listMessages(a.conversationId, 10),
      fixture.store.listMessages(a.conversationId, 2),
      fixture.store.listMessages(b.conversationId, 10),
    ]);
    expect(historyA.map((m) => m.body)).toEqual(["first from a", "second from a", "answer to a", "third from a"]);
    expect(lastTwoOfA.map((m) => m.body)).toEqual(["answer to a", "third from a"]);
    expect(historyB.map((m) => [m.body, m.direction])).toEqual([["first from b", "inbound"]]);
    expect(await Promise.all([fixture.store.listMessages("no-such-conversation", 5)])).toEqual([[]]);
  });

  it("events and the model's token use of the same moment are each kept, token use added up", async () => {
    const a = await text("+15125550241", "I want to talk to someone", 0);
    const b = await text("+15125550242", "price on the F-150?", 0);
    const usage = { inputTokens: 1500, outputTokens: 120, cachedInputTokens: 1280 };
    await Promise.all([
      fixture.store.appendEvent({
        conversationId: a.conversationId,
        type: "handoff_requested",
        actor: "ai",
        data: { reason: "asked for a person" },
        at: at(1000),
      }),
      fixture.store.appendEvent({ conversationId: b.conversationId, type: "claimed", actor: "rep:U1", at: at(2000) }),
      fixture.store.updateConversation(a.conversationId, { intent: "talk_to_person", usage }),
      fixture.store.updateConversation(a.conversationId, { usage: { inputTokens: 10, outputTokens: 5 } }),
    ]);
    const events = await fixture.db.prisma.conversationEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.conversationId, e.type, e.actor, e.data, e.createdAt])).toEqual([
      [a.conversationId, "handoff_requested", "ai", { reason: "asked for a person" }, at(1000)],
      [b.conversationId, "claimed", "rep:U1", {}, at(2000)],
    ]);
    const tokens = await fixture.db.prisma.conversation.findUnique({ where: { id: a.conversationId } });
    expect(tokens).toMatchObject({
      intent: "talk_to_person",
      inputTokens: 1510,
      outputTokens: 125,
      cachedInputTokens: 1280,
    });
  });

  it("a turn's history ends at its own texts: the customer's later ones wait for the next turn, Baton's own words do not", async () => {
    const a = await text("+15125550231", "do you have the Tacoma?", 0);
    await send(a.conversationId, "Yes, a 2024 in silver.", "reply:tacoma", 1000);
    const asked = await text("+15125550231", "what trims?", 2000);
    await text("+15125550231", "and colours?", 4000);
    await send(a.conversationId, "Someone will call you.", "notice:tacoma", 5000);
    const askedAt = (await fixture.store.getMessage(asked.messageId))!.createdAt;
    const [turn, everything] = await Promise.all([
      fixture.store.listMessages(a.conversationId, 10, { inboundUpTo: askedAt }),
      fixture.store.listMessages(a.conversationId, 10),
    ]);
    expect(turn.map((m) => m.body)).toEqual([
      "do you have the Tacoma?",
      "Yes, a 2024 in silver.",
      "what trims?",
      "Someone will call you.",
    ]);
    expect(everything.map((m) => m.body)).toEqual([
      "do you have the Tacoma?",
      "Yes, a 2024 in silver.",
      "what trims?",
      "and colours?",
      "Someone will call you.",
    ]);
  });

  it("each conversation about to be texted, with its own customer's unanswered texts; an unknown id reads as none", async () => {
    const a = await text("+15125550221", "STOP", 0);
    const b = await text("+15125550222", "hi", 0);
    await fixture.store.finishTurn([b.messageId], at(100));
    const [forA, unknown, forB, againA] = await Promise.all([
      fixture.store.getConversationToSend(a.conversationId),
      fixture.store.getConversationToSend("no-such-conversation"),
      fixture.store.getConversationToSend(b.conversationId),
      fixture.store.getConversationToSend(a.conversationId),
    ]);
    expect(forA).toMatchObject({
      conversation: { id: a.conversationId, customer: { phone: "+15125550221" } },
      unansweredTexts: ["STOP"],
    });
    expect(unknown).toBeUndefined();
    expect(forB).toMatchObject({ conversation: { id: b.conversationId }, unansweredTexts: [] });
    expect(againA).toEqual(forA);
  });
});
