import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

describe("flood and loop protection", () => {
  let run: RunningBaton;
  beforeAll(async () => {
    run = await startBaton();
  });
  afterAll(async () => run?.stop());

  it("one number sending 50 texts in a minute gets a few answers, not 50, and people are told why", async () => {
    const customer = "+15125558000";
    for (let i = 0; i < 50; i++) {
      const res = await run.text(customer, `hello? question number ${i}`);
      expect(res.status).toBe(200);
    }
    await run.baton.idle();
    const replies = run.twilio.messages.filter((m) => m.to === customer);
    const stored = await run.baton.database.prisma.message.count({
      where: { direction: "inbound", conversation: { customer: { phone: customer } } },
    });
    expect(stored).toBe(50); // nothing lost
    expect(replies.length).toBeLessThanOrEqual(3);
    const card = run.slack.calls.find(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.channel === HANDOFF_CHANNEL &&
        JSON.stringify(c.body.blocks ?? "").includes("•••-•••-8000"),
    );
    expect(JSON.stringify(card?.body.blocks)).toContain("The AI stopped answering");
    const paused = await run.baton.database.prisma.conversationEvent.count({
      where: { type: "ai_paused", conversation: { customer: { phone: customer } } },
    });
    expect(paused).toBe(1);
  });

  it("another auto-responder gets one answer, not a ping-pong", async () => {
    const customer = "+15125558001";
    for (let i = 0; i < 6; i++) {
      await run.text(customer, "Auto-reply: I'm driving right now and will get back to you.");
      await run.baton.idle();
    }
    const replies = run.twilio.messages.filter((m) => m.to === customer);
    expect(replies.length).toBeLessThanOrEqual(2);
    expect(
      await run.baton.database.prisma.conversationEvent.count({
        where: { type: "ai_paused", conversation: { customer: { phone: customer } } },
      }),
    ).toBe(1);
  });
});
