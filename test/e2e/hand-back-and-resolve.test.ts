import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeSlackCall } from "../helpers/fake-slack-api.js";
import { HANDOFF_CHANNEL, startBaton, type RunningBaton } from "../helpers/start-baton.js";

const CUSTOMER = "+15125550777";
const REP = { id: "U0TAYLOR01", name: "taylor" };
const cardPosts = (run: RunningBaton) =>
  run.slack.calls.filter(
    (c) => c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts,
  );
const conversationIdOf = (post: FakeSlackCall) => {
  const actions = (post.body.blocks as { type: string; elements?: { value?: string }[] }[]).find(
    (b) => b.type === "actions",
  );
  return actions!.elements![0]!.value!;
};

describe("hand back to the AI, resolve, and a later text opening a new linked thread", () => {
  let run: RunningBaton;
  let card: { channel: string; ts: string };
  let conversationId: string;

  beforeAll(async () => {
    run = await startBaton();
    run.slack.users.set(REP.id, { name: "taylor", real_name: "Taylor Brooks", display_name: "Taylor" });
    await run.text(CUSTOMER, "I want to talk to a real person please");
    const post = await run.slack.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === HANDOFF_CHANNEL && !c.body.thread_ts,
    );
    card = { channel: String(post.response.body.channel), ts: String(post.response.body.ts) };
    conversationId = conversationIdOf(post);
    await run.baton.idle();
  });
  afterAll(async () => run?.stop());

  it("after a claim and a hand back, the AI answers the customer again", async () => {
    await run.click("baton_claim", conversationId, REP, card);
    await run.slack.waitFor((c) => c.method === "chat.update" && JSON.stringify(c.body.blocks).includes("Claimed by"));
    await run.replyInThread(REP.id, "Hi! Happy to help. You asked about service hours? We open at 7.", card);
    const sendsAfterRep = (await run.twilio.waitForMessages(3)).length;

    await run.click("baton_hand_back", conversationId, REP, card);
    await run.slack.waitFor(
      (c) => c.method === "chat.update" && JSON.stringify(c.body.blocks).includes("Back with the AI"),
    );
    await run.text(CUSTOMER, "thanks! where are you located?");
    await run.twilio.waitForMessages(sendsAfterRep + 1);
    const events = await run.baton.database.prisma.conversationEvent.findMany({
      where: { conversationId },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual(["handoff_requested", "claimed", "handed_back"]);
  });

  it("resolve closes the card; a click on it afterwards gets a private explanation", async () => {
    await run.click("baton_resolve", conversationId, REP, card);
    const update = await run.slack.waitFor(
      (c) => c.method === "chat.update" && JSON.stringify(c.body.blocks).includes("Resolved."),
    );
    expect(JSON.stringify(update.body.blocks)).not.toContain("baton_claim");
    const res = await run.click("baton_claim", conversationId, { id: "U0LATE0001", name: "late" }, card);
    expect(res.status).toBe(200);
    const note = await run.slack.waitFor((c) => c.method === "chat.postEphemeral" && c.body.user === "U0LATE0001");
    expect(String(note.body.text)).toContain("resolved");
  });

  it("a later text opens a new conversation, back with the AI, whose card links the old thread", async () => {
    const cardsBefore = cardPosts(run).length;
    await run.text(CUSTOMER, "hey can I get a manager on the phone? my car is still making that noise");
    await run.slack.waitFor(() => cardPosts(run).length > cardsBefore);
    const newCard = cardPosts(run).at(-1)!;
    const newId = conversationIdOf(newCard);
    expect(newId).not.toBe(conversationId);
    const fresh = await run.baton.database.prisma.conversation.findUniqueOrThrow({ where: { id: newId } });
    expect(fresh.previousConversationId).toBe(conversationId);
    expect(JSON.stringify(newCard.body.blocks)).toContain("Continues an earlier conversation");
  });
});
