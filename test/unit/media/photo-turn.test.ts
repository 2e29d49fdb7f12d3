import { describe, expect, it } from "vitest";
import { decideForPhotos, isPhotoOnly, wordsBeforePhotos } from "../../../src/core/media/photo-turn.js";
import type { BrainDecision } from "../../../src/core/ports/brain.js";
import type { StoredMessage } from "../../../src/core/conversation/conversation.js";

const decision = (over: Partial<BrainDecision>): BrainDecision => ({
  department: "sales",
  intent: "trade_in",
  disposition: "handoff",
  handoffReason: "trade_in",
  reason: "The customer asks what their trade is worth",
  reply: "I'll get someone",
  lead: { name: "Dana" },
  frustration: 0.2,
  summary: "Trade-in",
  source: "local",
  ...over,
});
const text = (body: string, numMedia: number): StoredMessage => ({
  id: body || "m",
  conversationId: "c",
  direction: "inbound",
  author: "customer",
  body,
  numMedia,
  status: "received",
  createdAt: new Date(),
});

describe("a turn of pictures without words", () => {
  it("is photo-only when no text of it has words", () => {
    expect(isPhotoOnly([text("", 1), text(" ", 2)])).toBe(true);
    expect(isPhotoOnly([text("", 1), text("my trade", 1)])).toBe(false);
    expect(isPhotoOnly([text("", 0)])).toBe(false);
  });

  it("reads the customer's last words before the pictures, when they are recent and after any hand back", () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 2, 3, 16, minutes));
    const earlier = [
      { author: "customer", body: "hi", createdAt: at(0) },
      { author: "ai", body: "Hi! How can we help?", createdAt: at(1) },
      { author: "customer", body: "what would you give me for my truck", createdAt: at(20) },
      { author: "ai", body: "Send me a few photos", createdAt: at(21) },
    ];
    expect(wordsBeforePhotos(earlier, at(10))).toEqual({ words: "what would you give me for my truck", index: 2 });
    // Older than the cut-off (an hour ago, or the last hand back): already answered, not read again.
    expect(wordsBeforePhotos(earlier, at(30))).toBeUndefined();
    expect(wordsBeforePhotos([{ author: "ai", body: "Hello", createdAt: at(5) }], at(0))).toBeUndefined();
  });

  it("after words that needed a person, a person is brought in and the customer is told so", () => {
    const out = decideForPhotos(decision({}), true, 3, "en");
    expect(out).toMatchObject({
      disposition: "handoff",
      handoffReason: "trade_in",
      lead: {},
      frustration: 0,
      summary: "",
    });
    expect(out.reply).toBe(
      "Thanks for the photos! I've passed them to our team, and a person will text you here shortly.",
    );
    expect(out.reason).toMatch(/^The customer sent 3 photos after: /);
  });

  it("with no words before, or words the AI could answer, it thanks and asks what they are about", () => {
    const out = decideForPhotos(decision({}), false, 1, "en");
    expect(out).toMatchObject({ disposition: "follow_up", handoffReason: undefined });
    expect(out.reply).toMatch(/^Thanks for the photo! What can we help you with\?/);
    expect(decideForPhotos(decision({ disposition: "answer", handoffReason: undefined }), true, 2, "es").reply).toMatch(
      /^¡Gracias por las fotos! ¿En qué le podemos ayudar\?/,
    );
  });

  it("a handoff about Baton itself (a paused model, a held reply) is not what the pictures are about", () => {
    expect(decideForPhotos(decision({ handoffReason: "ai_paused" }), true, 1, "en").disposition).toBe("follow_up");
  });
});
