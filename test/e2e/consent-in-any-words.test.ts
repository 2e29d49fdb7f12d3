import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const JORDAN = { id: "U0JORDAN01", name: "jordan" };
const cardFor = (run: RunningBaton, masked: string) =>
  run.slack.calls.find(
    (c) =>
      c.method === "chat.postMessage" &&
      c.body.channel === HANDOFF_CHANNEL &&
      !c.body.thread_ts &&
      JSON.stringify(c.body.blocks ?? "").includes(masked),
  );

describe("revocations in any words, and the ones a person must decide", () => {
  let run: RunningBaton;
  beforeAll(async () => {
    run = await startBaton();
    run.slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
  });
  afterAll(async () => run?.stop());

  const customer = (phone: string) => run.baton.database.prisma.customer.findFirstOrThrow({ where: { phone } });

  it("a revocation with no keyword in it opts the number out, with one confirmation from Baton", async () => {
    const phone = "+15125559101";
    await run.text(phone, "Is the Tacoma still there?");
    await run.baton.idle();
    await run.text(phone, "I bought elsewhere, quit blowing up my phone");
    await run.baton.idle();
    expect((await customer(phone)).optedOut).toBe(true);
    const sent = run.twilio.messages.filter((m) => m.to === phone);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toMatch(/unsubscribed/i);
    // Nothing goes to this number again, whoever asks.
    await run.text(phone, "what are your hours?");
    await run.baton.idle();
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(2);
  });

  it("a Spanish revocation in plain words is confirmed in Spanish", async () => {
    const phone = "+15125559102";
    await run.text(phone, "ya no me manden mensajes por favor, este número ya no es de Juan");
    await run.baton.idle();
    expect((await customer(phone)).optedOut).toBe(true);
    const [confirmation] = run.twilio.messages.filter((m) => m.to === phone);
    expect(confirmation!.body).toMatch(/mensajes|suscripci/i);
  });

  it("a text that may revoke consent goes to a person, flagged, and the AI sends nothing until someone decides", async () => {
    const phone = "+15125559103";
    await run.text(phone, "Hi, do you have any used Civics?");
    await run.baton.idle();
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
    await run.text(phone, "not interested");
    await run.baton.idle();
    // No reply, no opt-out: a card that says why.
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
    expect((await customer(phone)).optedOut).toBe(false);
    const card = cardFor(run, "•••-•••-9103");
    expect(JSON.stringify(card?.body.blocks)).toContain("May want no more texts");
    const conversation = await run.baton.database.prisma.conversation.findFirstOrThrow({
      where: { customer: { phone } },
    });
    expect(conversation).toMatchObject({ status: "pending", handoffReason: "may_opt_out" });
    expect(
      await run.baton.database.prisma.conversationEvent.count({
        where: { conversationId: conversation.id, type: "consent_unsure" },
      }),
    ).toBe(1);

    // The customer writes again before anyone looks: still no AI reply, the words reach the thread.
    await run.text(phone, "what are your hours on saturday");
    await run.baton.idle();
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
    const thread = { channel: String(card!.response.body.channel), ts: String(card!.response.body.ts) };
    expect(
      run.slack.calls.some(
        (c) =>
          c.method === "chat.postMessage" &&
          c.body.thread_ts === thread.ts &&
          String(c.body.text ?? "").includes("hours on saturday"),
      ),
    ).toBe(true);

    // A person decides: claims and answers; the rep's words go out.
    await run.click("baton_claim", conversation.id, JORDAN, thread);
    await run.baton.idle();
    await run.replyInThread(
      JORDAN.id,
      "Sorry for the texts! Want me to stop them, or keep you posted on Civics?",
      thread,
    );
    await run.baton.idle();
    // No automatic "Jordan will text you" to someone who may want no texts: only the rep's own words.
    const sent = run.twilio.messages.filter((m) => m.to === phone);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toContain("keep you posted on Civics");
    expect(
      run.slack.calls.some(
        (c) => c.body.thread_ts === thread.ts && String(c.body.text ?? "").includes("No claim notice was texted"),
      ),
    ).toBe(true);

    // The customer says no more; the rep records it, and nothing goes to the number again.
    await run.text(phone, "just leave it, thanks");
    await run.baton.idle();
    const link = `https://baton-test.slack.com/archives/${thread.channel}/p${thread.ts.replace(".", "")}`;
    const res = await run.command(JORDAN, `optout ${link}`, HANDOFF_CHANNEL);
    expect(res.status).toBe(200);
    const answer = await run.slack.waitFor(
      (c) => c.method === "response_url" && String(c.body.text ?? "").includes("opted out"),
    );
    expect(String(answer.body.text)).toContain("Recorded");
    expect((await customer(phone)).optedOut).toBe(true);
    await run.replyInThread(JORDAN.id, "one more thing about the Civic", thread);
    await run.baton.idle();
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(2);
  });

  it("a doubtful text after a handoff for another reason also silences everything automated until a person decides", async () => {
    const phone = "+15125559104";
    await run.text(phone, "What's your best out the door price on the Tacoma?");
    await run.baton.idle();
    const card = cardFor(run, "•••-•••-9104")!;
    const thread = { channel: String(card.response.body.channel), ts: String(card.response.body.ts) };
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1); // the handoff reply
    await run.text(phone, "not interested");
    await run.baton.idle();
    await run.text(phone, "what are your hours on saturday");
    await run.baton.idle();
    // No AI answer to either, and no claim notice either: only a person's own words may go out now.
    const conversation = await run.baton.database.prisma.conversation.findFirstOrThrow({
      where: { customer: { phone } },
    });
    expect(conversation.handoffReason).toBe("may_opt_out");
    await run.click("baton_claim", conversation.id, JORDAN, thread);
    await run.baton.idle();
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
    expect(
      run.slack.calls.some(
        (c) => c.body.thread_ts === thread.ts && String(c.body.text ?? "").includes("may withdraw consent"),
      ),
    ).toBe(true);

    // The rep decides the customer still wants texts and hands back: the AI answers again.
    await run.click("baton_hand_back", conversation.id, JORDAN, thread);
    await run.baton.idle();
    await run.text(phone, "ok what time do you open saturday?");
    await run.baton.idle();
    expect(run.twilio.messages.filter((m) => m.to === phone)).toHaveLength(2);
  });
});
