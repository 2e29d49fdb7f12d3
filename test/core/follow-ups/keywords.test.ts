import { afterEach, describe, expect, it } from "vitest";
import { startFollowUpHarness, type FollowUpHarness } from "../../helpers/follow-up-harness.js";
import { testStores } from "../../helpers/test-database.js";

const START = "2026-03-02T15:00:00Z";

describe.each(testStores())("HELP, STOP and START: who answers, and the event log (%s)", (kind) => {
  let h: FollowUpHarness;
  afterEach(async () => h?.close());

  /** A customer text a second after the last, so the event log has an order. */
  const text = (body: string) => (h.clock.advance(1000), h.text(body));
  const events = async () =>
    (
      await h.db.prisma.conversationEvent.findMany({
        where: { type: { in: ["opted_out", "opted_in", "help_requested"] } },
        orderBy: { createdAt: "asc" },
      })
    ).map((e) => [e.type, (e.data as { text: string }).text]);

  it("with SMS_KEYWORD_REPLIES=baton, answers HELP with the name, a number, the rates notice and how to stop, even after STOP", async () => {
    h = await startFollowUpHarness({ kind, start: START, keywordReplies: "baton" });
    await text("HELP");
    expect(h.texts()).toEqual([
      "Maple Ridge Motors: Call +1 512-555-0100 or reply here for help. Msg & data rates may apply. Reply STOP to opt out.",
    ]);
    await text("STOP");
    expect(h.texts().at(-1)).toContain("You're unsubscribed from Maple Ridge Motors texts");
    await text("help");
    expect(h.texts()).toHaveLength(3);
    await text("START");
    expect(h.texts().at(-1)).toBe(
      "Maple Ridge Motors: you're subscribed to texts again. Msg & data rates may apply. Reply HELP for help, STOP to opt out.",
    );
    expect(await events()).toEqual([
      ["help_requested", "HELP"],
      ["opted_out", "STOP"],
      ["help_requested", "help"],
      ["opted_in", "START"],
    ]);
  });

  it("by default leaves keywords to the provider (Twilio answers them), but still logs each with its text", async () => {
    h = await startFollowUpHarness({ kind, start: START });
    await text("HELP");
    await text("STOP");
    await text("START");
    expect(h.texts()).toEqual([]);
    expect(await events()).toEqual([
      ["help_requested", "HELP"],
      ["opted_out", "STOP"],
      ["opted_in", "START"],
    ]);
  });

  it("confirms a plain-words opt-out once itself (no provider sees those words), then sends nothing, however often they repeat it", async () => {
    h = await startFollowUpHarness({ kind, start: START });
    await text("please remove my number");
    expect(h.texts()).toEqual([
      "You're unsubscribed from Maple Ridge Motors texts and won't get any more. Reply START to resubscribe.",
    ]);
    await text("is the truck still there?");
    await text("STOP!!");
    await text("Stop texting me. Thank you");
    expect(h.texts()).toHaveLength(1);
    expect(await events()).toEqual([
      ["opted_out", "please remove my number"],
      ["opted_out", "STOP!!"],
      ["opted_out", "Stop texting me. Thank you"],
    ]);
  });

  it("answers a Spanish-speaking customer's HELP, opt-out and START in Spanish", async () => {
    h = await startFollowUpHarness({ kind, start: START, keywordReplies: "baton" });
    h.brain.next({ reply: "¡Con gusto! ¿Qué vehículo le interesa?", language: "es" });
    await text("Hola, busco una camioneta");
    const conversation = await h.db.prisma.conversation.findFirstOrThrow();
    expect(conversation.language).toBe("es");
    await text("HELP"); // a keyword says no language: the conversation's
    expect(h.texts().at(-1)).toBe(
      "Maple Ridge Motors: Llame al +1 512-555-0100 o responda a este mensaje para recibir ayuda. Pueden aplicarse tarifas de mensajes y datos. Responda STOP para cancelar.",
    );
    await text("ya no me escriban");
    expect(h.texts().at(-1)).toBe(
      "Ya no recibirá mensajes de Maple Ridge Motors. Responda START para volver a suscribirse.",
    );
    await text("START");
    expect(h.texts().at(-1)).toMatch(/^Maple Ridge Motors: reactivamos sus mensajes de texto\./);
  });
});
