import { describe, expect, it } from "vitest";
import { chatForRooftop, RouteStaffChat } from "../../../src/adapters/staff-chat/route-staff-chat.js";
import { cleanTeamsText } from "../../../src/adapters/staff-chat/teams/clean-teams-text.js";
import { parseChannelCommand } from "../../../src/adapters/staff-chat/teams/parse-channel-command.js";
import { renderAdaptiveCard } from "../../../src/adapters/staff-chat/teams/render-adaptive-card.js";
import { splitConversationId } from "../../../src/adapters/staff-chat/teams/teams-conversation.js";
import { minimalKnowledge } from "../../../src/core/knowledge/knowledge.js";
import type { HandoffCard } from "../../../src/core/ports/staff-chat.js";
import { RecordingStaffChat } from "../../helpers/recording-ports.js";

const bot = { id: "28:baton-bot", name: "Baton" };

describe("cleanTeamsText", () => {
  it("removes every @mention of the bot, keeps other mentions as @Name, undoes Teams markup", () => {
    const activity = {
      recipient: bot,
      text: "<at>Baton</at> Hi Dana &amp; family,<p>ask <at>Sam Patel</at> too</p> <at>Baton</at>",
      entities: [
        { type: "mention", text: "<at>Baton</at>", mentioned: bot },
        { type: "mention", text: "<at>Sam Patel</at>", mentioned: { id: "29:sam", name: "Sam Patel" } },
        { type: "clientInfo" },
      ],
    };
    expect(cleanTeamsText(activity)).toEqual({ text: "Hi Dana & family, ask @Sam Patel too", mentionedBot: true });
  });

  it("leaves a message that does not mention the bot as typed", () => {
    expect(cleanTeamsText({ recipient: bot, text: "price is 32,500 < sticker", entities: [] })).toEqual({
      text: "price is 32,500 < sticker",
      mentionedBot: false,
    });
  });
});

describe("parseChannelCommand", () => {
  it.each([
    ["use this channel for handoffs", { purpose: "handoffs" }],
    ["Use this channel for Sales handoffs.", { purpose: "handoffs:sales" }],
    ["use this channel for service handoff at maple-ridge", { purpose: "handoffs:service", rooftop: "maple-ridge" }],
    ["use this channel for managers", { purpose: "managers" }],
    ["use  this channel for managers for Oak Hill Ford!", { purpose: "managers", rooftop: "Oak Hill Ford" }],
  ])("%s", (text, expected) => expect(parseChannelCommand(text)).toEqual(expected));

  it.each([
    "use this channel",
    "use this channel for sales managers",
    "please use this channel for handoffs",
    "use this channel for parties",
  ])("refuses %s", (text) => expect(parseChannelCommand(text)).toBeUndefined());
});

describe("splitConversationId", () => {
  it("reads a channel thread's root message id", () => {
    expect(splitConversationId("19:abc@thread.tacv2;messageid=1759881511856")).toEqual({
      channelId: "19:abc@thread.tacv2",
      rootId: "1759881511856",
    });
    expect(splitConversationId("19:abc@thread.tacv2")).toEqual({ channelId: "19:abc@thread.tacv2" });
  });
});

const rooftop = (extra: object) => ({
  id: "r",
  name: "R",
  timezone: "America/Chicago",
  knowledge: minimalKnowledge("R", "America/Chicago"),
  ...extra,
});
const slack = { handoffChannel: "C0HANDOFF1", departmentChannels: {} };

describe("chatForRooftop", () => {
  it("sends a rooftop wholly on Teams there, a split rooftop by department, the rest to Slack or the log", () => {
    expect(chatForRooftop(rooftop({ teams: {} }), "sales")).toBe("teams");
    expect(chatForRooftop(rooftop({ teams: {}, slack }), "sales")).toBe("teams");
    const split = rooftop({ slack, teams: { departments: ["service"] } });
    expect([chatForRooftop(split, "service"), chatForRooftop(split, "sales"), chatForRooftop(split)]).toEqual([
      "teams",
      "slack",
      "slack",
    ]);
    expect(chatForRooftop(rooftop({ slack }), "service")).toBe("slack");
    expect(chatForRooftop(rooftop({}), "service")).toBe("log");
  });
});

/** A recording chat under another name (Slack, Teams, the log). */
const named = (name: string) => Object.defineProperty(new RecordingStaffChat(), "name", { value: name });

describe("RouteStaffChat", () => {
  const card = { dealershipId: "r", department: "service" } as HandoffCard;

  it("posts a card where its rooftop and department say, and follows a thread to the chat that holds it", async () => {
    const [slackChat, teamsChat, log] = [named("slack"), named("teams"), named("log")];
    const route = new RouteStaffChat(
      [slackChat, teamsChat],
      (_id, department) => (department === "service" ? "teams" : "slack"),
      log,
    );
    const thread = await route.postCard(card);
    expect(thread.chat).toBe("teams");
    await route.postInThread({ ...thread, chat: "slack" }, { kind: "system", text: "to slack" });
    await route.tellUser({ ...thread, chat: "gone" }, "U1", "to the log");
    expect([teamsChat.cards.length, slackChat.posts.length, log.told.length]).toEqual([1, 1, 1]);
  });

  it("tries the managers of the card's chat, then the rooftop's main chat", async () => {
    const [slackChat, teamsChat, log] = [named("slack"), named("teams"), named("log")];
    teamsChat.hasManagerChannel = false;
    const route = new RouteStaffChat([slackChat, teamsChat], () => "slack", log);
    expect(
      await route.postToManagers("r", { text: "waited", thread: { chat: "teams", channel: "19:x", ts: "1" } }),
    ).toBe(true);
    expect(slackChat.managerPosts).toHaveLength(1);
    slackChat.hasManagerChannel = false;
    expect(await route.postToManagers("r", { text: "waited" })).toBe(false);
  });
});

describe("renderAdaptiveCard", () => {
  const base: HandoffCard = {
    conversationId: "c1",
    dealershipId: "r",
    dealershipName: "R",
    customerFirstName: "Dana",
    maskedPhone: "•••-•••-0123",
    department: "sales",
    status: "pending",
    reasonText: "Price or negotiation",
    summary: "Wants [a deal](https://evil.example)",
    lead: { name: "Dana" },
    lastMessages: [{ author: "customer", body: "**best** price?", at: new Date(0) }],
    optedOut: false,
  };

  it("shows customer and AI text only in TextRuns, never as markdown", () => {
    const card = renderAdaptiveCard(base);
    const textBlocks = JSON.stringify(card.body.filter((e) => e.type === "TextBlock"));
    expect(textBlocks).not.toContain("evil.example");
    expect(textBlocks).not.toContain("**best**");
    expect(JSON.stringify(card)).toContain('"type":"TextRun","text":"Wants [a deal](https://evil.example)"');
  });

  it("puts a refused click's reason on top, and drops Claim once claimed", () => {
    const claimed = renderAdaptiveCard(
      { ...base, status: "claimed", owner: { id: "29:j", name: "Jordan" }, waitedMs: 95_000 },
      { notice: "Already claimed by Jordan." },
    );
    expect(claimed.body[0]).toMatchObject({ type: "Container", style: "attention" });
    expect(JSON.stringify(claimed.body[0])).toContain("Already claimed by Jordan.");
    expect(JSON.stringify(claimed)).toContain("Claimed by Jordan · the customer waited 1m 35s");
    expect(claimed.actions!.map((a) => a.verb ?? a.title)).toEqual(["baton_hand_back", "Resolve"]);
    expect(renderAdaptiveCard({ ...base, status: "resolved" }).actions).toBeUndefined();
  });
});
