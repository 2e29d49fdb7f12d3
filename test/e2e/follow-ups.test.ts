import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import type { FakeSlackCall } from "../helpers/fake-slack-api.js";
import { HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const MANAGER_CHANNEL = "C0MANAGER01";
const QUIET_CUSTOMER = "+15125550123";
const PRICE_CUSTOMER = "+15125550124";
const JORDAN = { id: "U0JORDAN01", name: "jordan" };
const MINUTE = 60_000;

const isCard = (c: FakeSlackCall) =>
  c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts;
const toManagers = (run: RunningBaton) =>
  run.slack.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === MANAGER_CHANNEL);

describe("follow-ups end to end: a nudge reaches Twilio, an escalation reaches the manager channel, a rep's follow-up goes on time", () => {
  let run: RunningBaton;
  // Monday 2 March 2026, 09:00 in Chicago: inside the sending window.
  const clock = new ManualClock("2026-03-02T15:00:00Z");

  beforeAll(async () => {
    run = await startBaton({ SLACK_MANAGER_CHANNEL: MANAGER_CHANNEL }, { clock });
    run.slack.users.set(JORDAN.id, { name: "jordan", real_name: "Jordan Reyes", display_name: "Jordan" });
  });
  afterAll(async () => run?.stop());

  it("nudges a customer who went quiet after the AI asked something, through the real twilio client", async () => {
    await run.text(QUIET_CUSTOMER, "I'd like to book a test drive");
    const [reply] = await run.twilio.waitForMessages(1);
    expect(reply!.body).toMatch(/\?$/);

    clock.advance(4 * 60 * MINUTE - MINUTE);
    await run.tick();
    expect(run.twilio.messages).toHaveLength(1);
    clock.advance(MINUTE);
    await run.tick();
    const [, nudge] = await run.twilio.waitForMessages(2);
    expect(nudge!.to).toBe(QUIET_CUSTOMER);
    expect(nudge!.body).toContain(reply!.body.split(/(?<=[.!])\s+/).at(-1)!); // the open question again
    expect(nudge!.body).not.toBe(reply!.body);
  });

  it("escalates an unclaimed handoff to the manager channel with the waiting time and a link to the card", async () => {
    await run.text(PRICE_CUSTOMER, "What's your best out the door price on it?");
    const card = await run.slack.waitFor(isCard);
    await run.baton.idle();

    clock.advance(5 * MINUTE);
    await run.tick();
    const [alert] = toManagers(run);
    expect(alert?.body.text).toContain("Unclaimed handoff, waiting 5m (target 5m)");
    expect(alert?.body.text).toContain(
      `<https://baton-test.slack.com/archives/${HANDOFF_CHANNEL}/p${String(card.response.body.ts).replace(".", "")}|Open the card>`,
    );
    const reannounced = run.slack.calls.find(
      (c) =>
        c.method === "chat.postMessage" &&
        c.body.thread_ts === card.response.body.ts &&
        String(c.body.text).includes("Still unclaimed"),
    );
    expect(reannounced?.body.reply_broadcast).toBe("true");
  });

  it("takes /baton followup with the card's link from its owner, and texts the customer on time", async () => {
    const card = run.slack.calls.filter(isCard).at(-1)!;
    const ts = String(card.response.body.ts);
    const conversationId = String(
      (card.body.blocks as { type: string; elements?: { value?: string }[] }[]).find((b) => b.type === "actions")!
        .elements![0]!.value,
    );
    const sentBeforeClaim = run.twilio.messages.length;
    await run.click("baton_claim", conversationId, JORDAN, { channel: HANDOFF_CHANNEL, ts });
    const notices = await run.twilio.waitForMessages(sentBeforeClaim + 1); // "Jordan from our sales team will text you…"
    const before = notices.length;

    const link = `https://baton-test.slack.com/archives/${HANDOFF_CHANNEL}/p${ts.replace(".", "")}`;
    const res = await run.command(
      JORDAN,
      `followup 2h Still happy to go over the numbers with you. ${link}`,
      HANDOFF_CHANNEL,
    );
    expect(res.status).toBe(200);
    const answer = await run.slack.waitFor((c) => c.method === "response_url");
    expect(answer.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(answer.body.text)).toContain("Baton will text the customer today at 3:05 PM");

    clock.advance(2 * 60 * MINUTE);
    await run.tick();
    const sent = await run.twilio.waitForMessages(before + 1);
    expect(sent.at(-1)!.to).toBe(PRICE_CUSTOMER);
    expect(sent.at(-1)!.body).toBe(
      "Hi, it's Jordan at Maple Ridge Motors, following up. Still happy to go over the numbers with you.",
    );
    expect(toManagers(run)).toHaveLength(1); // the claim stopped the second escalation
  });

  it("does not lose a handoff when Slack refuses its card: the card is posted again until it is up", async () => {
    const customer = "+15125550125";
    run.slack.failNext("chat.postMessage", { error: "not_in_channel" });
    const cardsBefore = run.slack.calls.filter(isCard).length;
    await run.text(customer, "Can I talk to a real person about financing?");
    await run.baton.idle();
    const [reply] = (await run.twilio.waitForMessages(run.twilio.messages.length)).slice(-1);
    expect(reply!.to).toBe(customer); // the customer was answered all the same
    expect(run.slack.calls.filter(isCard)).toHaveLength(cardsBefore + 1); // the refused try
    const health = async () =>
      (await (await fetch(`${run.url}/healthz`)).json()) as {
        ok: boolean;
        integrations: Record<string, { status: string; lastError?: string }>;
      };
    expect(await health()).toMatchObject({
      ok: true,
      integrations: {
        slack: { status: "failing", lastError: "An API error occurred: not_in_channel" },
        twilio: { status: "ok" },
      },
    });

    clock.advance(MINUTE);
    await run.tick();
    const card = await run.slack.waitFor(
      (c) => isCard(c) && c.response.body.ok === true && JSON.stringify(c.body.blocks).includes("0125"),
    );
    const conversation = await run.baton.database.prisma.conversation.findFirstOrThrow({
      where: { customer: { phone: customer } },
    });
    expect(conversation.status).toBe("pending");
    expect(conversation.threadTs).toBe(card.response.body.ts);
    expect((await health()).integrations.slack!.status).toBe("ok");

    // It counts as a handoff from the start: the escalation still comes at the target.
    const alertsBefore = toManagers(run).length;
    clock.advance(4 * MINUTE);
    await run.tick();
    expect(toManagers(run)).toHaveLength(alertsBefore + 1);
    expect(toManagers(run).at(-1)!.body.text).toContain("waiting 5m");
    expect(toManagers(run).at(-1)!.body.text).toContain(`p${String(card.response.body.ts).replace(".", "")}`);
  });
});
