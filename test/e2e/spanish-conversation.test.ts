import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import type { FakeSlackCall } from "../helpers/fake-slack-api.js";
import { DEALER_NUMBER, HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const CUSTOMER = "+15125550177";
const JORDAN = { id: "U0JORDAN01", name: "jordan" };
const KNOWLEDGE_FILE = fileURLToPath(new URL("../../src/config/samples/knowledge.sample.json", import.meta.url));
/** Tuesday 24 November 2026, 10:05 in Fort Worth: the sales floor is open. */
const TUESDAY_MORNING = "2026-11-24T16:05:00Z";

const textOf = (call: FakeSlackCall) => JSON.stringify(call.body.blocks ?? "") + String(call.body.text ?? "");
const buttonsOf = (call: FakeSlackCall) =>
  ((call.body.blocks as { type: string; elements?: { action_id?: string; value?: string }[] }[]) ?? [])
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? []);

describe("a Spanish conversation from first text to claim", () => {
  let run: RunningBaton;
  let clock: ManualClock;
  let card: { channel: string; ts: string };
  let conversationId: string;
  const stored = () =>
    run.baton.database.prisma.conversation.findFirstOrThrow({ where: { customer: { phone: CUSTOMER } } });

  beforeAll(async () => {
    clock = new ManualClock(TUESDAY_MORNING);
    run = await startBaton({ KNOWLEDGE_FILE }, { clock });
    run.slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
  });
  afterAll(async () => run?.stop());

  it("answers a Spanish question about a listed vehicle in Spanish, from the inventory", async () => {
    await run.text(CUSTOMER, "Hola, soy Lucía. ¿Todavía tienen la Toyota Tacoma 2024?");
    const [reply] = await run.twilio.waitForMessages(1);
    expect(reply!.to).toBe(CUSTOMER);
    expect(reply!.from).toBe(DEALER_NUMBER);
    expect(reply!.body).toBe(
      "El Toyota Tacoma TRD Sport 2024 blanco (stock MR4127) está disponible en el lote. ¿Qué día y hora le gustaría venir a verlo?",
    );
    await run.baton.idle();
    expect(run.slack.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(0);
    // The customer's language is kept on the conversation, with what the AI learnt.
    expect(await stored()).toMatchObject({
      language: "es",
      department: "sales",
      lead: expect.objectContaining({ name: "Lucía" }),
    });
  });

  it("hands an ask for a person to a person: a Spanish reply, and a card with her words as written and an English summary", async () => {
    clock.advance(40_000);
    await run.text(CUSTOMER, "¿Puedo hablar con una persona?");
    const messages = await run.twilio.waitForMessages(2);
    expect(messages.at(-1)!.body).toBe("Con gusto. Una persona del equipo le escribirá por aquí en breve.");
    const post = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts,
    );
    conversationId = buttonsOf(post).find((b) => b.action_id === "baton_claim")!.value!;
    card = { channel: String(post.response.body.channel), ts: String(post.response.body.ts) };
    const shown = textOf(post);
    expect(shown).toContain("¿Puedo hablar con una persona?");
    // The staff read English: why, and the summary; the customer's words stay as she wrote them.
    expect(shown).toContain("*Why:* Asked for a person");
    expect(shown).toContain(
      '*Summary:* Asked for a person (\\"hablar con una persona\\"). Customer wrote: \\"¿Puedo hablar con una persona?\\"',
    );
    expect(shown).toContain("*Customer:* Hola, soy Lucía. ¿Todavía tienen la Toyota Tacoma 2024?");
    await run.baton.idle();
    expect(await stored()).toMatchObject({ language: "es", status: "pending" });
  });

  it("a rep claims in Slack: the customer is told in Spanish who will write", async () => {
    const sends = run.twilio.messages.length;
    clock.advance(65_000);
    const res = await run.click("baton_claim", conversationId, JORDAN, card);
    expect(res.status).toBe(200);
    await run.slack.waitFor((c) => c.method === "chat.update" && textOf(c).includes("Claimed by"));
    const notices = await run.twilio.waitForMessages(sends + 1);
    expect(notices.at(-1)!.to).toBe(CUSTOMER);
    expect(notices.at(-1)!.body).toBe("Jordan, de nuestro equipo, le escribirá por aquí en breve.");
  });

  it("relays the rep's reply as written, and posts her answer in the thread as written", async () => {
    const sends = run.twilio.messages.length;
    const text = "Hola Lucía, soy Jordan. ¿Le puedo llamar hoy a las 4 PM para hablar de la Tacoma?";
    await run.replyInThread(JORDAN.id, text, card);
    const relayed = await run.twilio.waitForMessages(sends + 1);
    expect(relayed.at(-1)!.body).toBe(text);

    await run.text(CUSTOMER, "Sí, a las 4 está bien. ¡Gracias!");
    const posted = await run.slack.waitFor(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.thread_ts === card.ts &&
        String(c.body.text).includes("a las 4 está bien"),
    );
    expect(String(posted.body.text)).toContain("Sí, a las 4 está bien. ¡Gracias!");
    await run.baton.idle();
    expect(run.twilio.messages.length).toBe(sends + 1); // the AI stays quiet while Jordan owns it
    expect(await stored()).toMatchObject({ language: "es", status: "claimed", ownerName: "Jordan" });
  });
});
