import { afterEach, describe, expect, it } from "vitest";
import { claimConversation } from "../../../src/core/use-cases/claim-conversation.js";
import { resolveConversation } from "../../../src/core/use-cases/resolve-conversation.js";
import { HOUR, MINUTE, startFollowUpHarness, type FollowUpHarness } from "../../helpers/follow-up-harness.js";
import { testStores } from "../../helpers/test-database.js";

// Monday 2 March 2026, 09:00 in Chicago (CST): every nudge of the default cadence falls in the window.
const MONDAY_9AM = "2026-03-02T15:00:00Z";
const DAY = 24 * HOUR;
const DANA = { name: "Dana Reyes", vehicle: { year: 2024, make: "Toyota", model: "Tacoma" } };
const JORDAN = { id: "U0JORDAN01", name: "Jordan" };

describe.each(testStores())("quiet-thread nudges (%s)", (kind) => {
  let h: FollowUpHarness;
  afterEach(async () => h?.close());

  async function askAndGoQuiet() {
    h = await startFollowUpHarness({ kind, start: MONDAY_9AM });
    h.brain.next({ reply: "It is on the lot! What day works for a test drive?", lead: DANA });
    return h.text("Is the 2024 Tacoma still available?");
  }

  it("nudges at 4 h, 1 d and 3 d after the question, in context, each text new, and at most 3 times", async () => {
    await askAndGoQuiet();
    expect(h.texts()).toHaveLength(1);
    await h.advance(4 * HOUR - MINUTE);
    expect(h.texts()).toHaveLength(1);
    await h.advance(MINUTE);
    expect(h.texts()).toHaveLength(2);
    const first = h.texts()[1]!;
    expect(first).toContain("Dana");
    expect(first).toContain("Tacoma");
    expect(first).toContain("What day works for a test drive?");

    await h.advanceTo("2026-03-03T15:00:00Z"); // 1 day after the question
    await h.advanceTo("2026-03-05T15:00:00Z"); // 3 days after
    expect(h.texts()).toHaveLength(4);
    expect(h.texts()[3]).toContain("Reply STOP to opt out");
    expect(new Set(h.texts()).size).toBe(4);

    await h.advance(30 * DAY);
    expect(h.texts()).toHaveLength(4);
    expect(await h.pendingJobs("nudge")).toEqual([]);
  });

  it("starts the cadence over when the customer texts, from the AI's new question", async () => {
    const conversationId = await askAndGoQuiet();
    await h.advance(4 * HOUR); // nudge 1
    await h.advance(2 * HOUR);
    h.brain.next({ reply: "Saturday works. Morning or afternoon?" });
    await h.text("maybe saturday");
    // The old series' next nudge is cancelled with the text itself, not left for its run to skip.
    const ended = await h.db.prisma.scheduledJob.findMany({ where: { type: "nudge", status: "cancelled" } });
    expect(ended.map((j) => [(j.payload as { attempt: number }).attempt, j.result])).toEqual([[2, "customer wrote"]]);
    const [pending] = await h.pendingJobs("nudge");
    expect(pending).toMatchObject({ conversationId, dueAt: new Date(h.clock.now().getTime() + 4 * HOUR) });
    expect(pending!.payload).toMatchObject({ attempt: 1, question: "Morning or afternoon?" });

    await h.advanceTo("2026-03-03T15:00:00Z"); // where the old series' second nudge would have been
    expect(h.texts().at(-1)).toContain("Morning or afternoon?");
    expect(h.texts().filter((t) => t.includes("What day works")).length).toBe(2); // the reply and nudge 1 only
  });

  it("a text that arrives while the AI is still answering the one before ends that answer's nudges too", async () => {
    h = await startFollowUpHarness({ kind, start: MONDAY_9AM });
    h.brain.next({ reply: "It is on the lot! What day works for a test drive?", lead: DANA });
    h.brain.next({ reply: "No problem, we are here whenever you are ready.", disposition: "answer" });
    // The customer's second text is stored while the model is deciding the first one's answer.
    const decide = h.brain.decide.bind(h.brain);
    let second: Promise<unknown> | undefined;
    h.brain.decide = (input) => {
      second ??= h.scheduler.receiveSms({
        to: "+15125550100",
        from: "+15125550177",
        body: "actually never mind for now",
        providerId: "SM" + "e".repeat(32),
        numMedia: 0,
      });
      return decide(input);
    };
    await h.text("Is the 2024 Tacoma still available?", "+15125550177");
    await second;
    await h.scheduler.idle();
    expect(h.texts()).toEqual([
      "It is on the lot! What day works for a test drive?",
      "No problem, we are here whenever you are ready.",
    ]);
    // The first answer's question was overtaken by the customer's next word: nothing chases it.
    expect(await h.pendingJobs("nudge")).toEqual([]);
    await h.advance(4 * HOUR);
    expect(h.texts()).toHaveLength(2);
  });

  it("a burst split at HELP: the later part's texts end the nudge planned for the earlier part's answer", async () => {
    h = await startFollowUpHarness({ kind, start: MONDAY_9AM, replyCoalesceMs: 3000 });
    h.brain.next({ reply: "We have the SR5 and the TRD. Which one interests you?", lead: DANA });
    h.brain.next({ reply: "Red is in stock on the SR5.", disposition: "answer" });
    for (const [i, body] of ["what trims?", "HELP", "and in red?"].entries()) {
      if (i > 0) h.clock.advance(1000); // a second apart, so the parts keep the customer's order
      await h.core.receiveSms({
        to: "+15125550100",
        from: "+15125550177",
        body,
        providerId: "SM" + String(i).repeat(32),
        numMedia: 0,
      });
    }
    h.clock.advance(3000); // the customer paused: the burst is one turn of three parts
    await h.core.idle();
    // HELP is answered by the provider (its keyword replies), so two texts from Baton.
    expect(h.texts()).toEqual(["We have the SR5 and the TRD. Which one interests you?", "Red is in stock on the SR5."]);
    expect(await h.pendingJobs("nudge")).toEqual([]);
  });

  it("does not nudge when the AI asked nothing", async () => {
    h = await startFollowUpHarness({ kind, start: MONDAY_9AM });
    h.brain.next({ reply: "We're open until 8 tonight.", disposition: "answer" });
    await h.text("open late?");
    await h.advance(5 * DAY);
    expect(h.texts()).toHaveLength(1);
  });

  it("does not nudge after a closing courtesy: the customer said thanks and is done", async () => {
    h = await startFollowUpHarness({ kind, start: MONDAY_9AM });
    h.brain.next({ reply: "We're open until 8 tonight. Anything else I can help with?", disposition: "answer" });
    await h.text("open late?");
    h.brain.next({ reply: "You're welcome! Anything else we can help with?", disposition: "answer" });
    await h.text("ok thanks!");
    await h.advance(5 * DAY);
    expect(h.texts()).toHaveLength(2);
  });

  const cancellations: [string, (conversationId: string) => Promise<unknown>][] = [
    ["an opt-out", () => h.text("stop texting me")],
    ["a claim", (id) => claimConversation(h.deps, id, JORDAN)],
    ["a resolve", (id) => resolveConversation(h.deps, id, JORDAN)],
  ];
  it.each(cancellations)("cancels the cadence on %s", async (_what, act) => {
    const conversationId = await askAndGoQuiet();
    await h.advance(4 * HOUR); // nudge 1 went out
    const before = h.texts().length;
    await act(conversationId);
    const afterAct = h.texts().length; // an opt-out confirmation or a claim notice, nothing else
    expect(await h.pendingJobs("nudge")).toEqual([]);
    await h.advance(10 * DAY);
    expect(h.texts()).toHaveLength(afterAct);
    expect(afterAct - before).toBeLessThanOrEqual(1);
  });

  it("checks again at send time: a nudge planned before someone took the thread is not sent", async () => {
    const conversationId = await askAndGoQuiet();
    // Taken over without the use case (another replica, say): the job is still pending.
    await h.store.applyMove({ conversationId, action: "claim", at: h.clock.now(), owner: JORDAN });
    expect(await h.pendingJobs("nudge")).toHaveLength(1);
    await h.advance(4 * HOUR);
    expect(h.texts()).toHaveLength(1);
    const job = await h.db.prisma.scheduledJob.findFirstOrThrow({ where: { type: "nudge" } });
    expect(job).toMatchObject({ status: "done", result: "conversation is claimed" });
  });

  it("nudges a Spanish conversation in Spanish, with the open question", async () => {
    h = await startFollowUpHarness({ kind, start: MONDAY_9AM });
    const question = "¿Qué día y hora le gustaría venir a verlo?";
    h.brain.next({
      reply: `El Toyota Tacoma 2024 está disponible en el lote. ${question}`,
      lead: { ...DANA, name: "Lucía Gómez" },
      language: "es",
    });
    await h.text("Hola, ¿todavía tienen la Toyota Tacoma 2024?");
    expect((await h.db.prisma.conversation.findFirstOrThrow()).language).toBe("es");
    await h.advance(4 * HOUR);
    expect(h.texts()[1]).toBe(`Hola Lucía, solo quería darle seguimiento sobre el Toyota Tacoma 2024. ${question}`);
    await h.advanceTo("2026-03-03T15:00:00Z");
    await h.advanceTo("2026-03-05T15:00:00Z");
    expect(h.texts()).toHaveLength(4);
    expect(h.texts().at(-1)).toMatch(/^Hola Lucía, .*Responda STOP para cancelar\.$/);
  });
});
