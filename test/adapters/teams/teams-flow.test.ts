import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTeamsCall } from "../../helpers/fake-teams-connector.js";
import { DEALER_NUMBER } from "../../helpers/start-baton.js";
import { startTeamsBaton, type RunningTeamsBaton } from "../../helpers/start-teams-baton.js";
import {
  actionExecute,
  channelMessage,
  installActivity,
  TEAMS_ACTIVITY_SOURCE,
  type TeamsWorld,
} from "../../helpers/teams-activities.js";

const CUSTOMER = "+15125550123";
const TEAM = { id: "19:maple-ridge-team@thread.tacv2", name: "Maple Ridge Motors" };
const SALES = { id: "19:sales-floor@thread.tacv2", name: "Sales floor" };
const MANAGERS = { id: "19:managers@thread.tacv2", name: "Managers" };
const JORDAN = { id: "29:jordan-reyes", name: "Jordan Reyes" };
const SAM = { id: "29:sam-patel", name: "Sam Patel" };
const ADMIN = { id: "29:it-admin", name: "Casey Admin" };

const cardOf = (call: FakeTeamsCall) =>
  (call.body.attachments as { contentType: string; content: Record<string, any> }[] | undefined)?.[0];
const verbsOf = (card: Record<string, any>): string[] =>
  (card.actions ?? []).flatMap((a: Record<string, any>) =>
    a.type === "Action.ShowCard" ? a.card.actions.map((x: Record<string, any>) => x.verb) : [a.verb],
  );
const shown = (value: unknown) => JSON.stringify(value);
const settle = (ms = 250) => new Promise((r) => setTimeout(r, ms));

const TITLE = "Teams: install → channel → card → Claim → relay → customer reply";

describe(`${TITLE} (${TEAMS_ACTIVITY_SOURCE})`, () => {
  let run: RunningTeamsBaton;
  let world: TeamsWorld;
  let cardId: string;
  let conversationId: string;
  let owner: typeof JORDAN;
  let other: typeof JORDAN;

  beforeAll(async () => {
    run = await startTeamsBaton();
    world = {
      serviceUrl: run.teams.serviceUrl,
      tenantId: "50612dbb-0237-4969-b378-8d42590f9c00",
      team: TEAM,
      bot: { id: "28:baton-bot", name: "Baton" },
    };
    run.teams.teams.set(TEAM.id, { name: TEAM.name, channels: [{ id: TEAM.id }, SALES, MANAGERS] });
  });
  afterAll(async () => run?.stop());

  it("records the team's channels when it is added to a team, and says what to do next", async () => {
    const res = await run.activity(installActivity(world, ADMIN));
    expect(res.status).toBe(200);
    const rows = await run.baton.database.prisma.teamsChannel.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => r.id).sort()).toEqual([TEAM.id, SALES.id, MANAGERS.id].sort());
    expect(rows.find((r) => r.id === SALES.id)).toMatchObject({
      teamId: TEAM.id,
      name: "Sales floor",
      reference: { serviceUrl: run.teams.serviceUrl, bot: world.bot },
    });
    const hello = await run.teams.waitFor((c) => c.kind === "send" && c.conversationId === TEAM.id);
    expect(String(hello.body.text)).toContain("use this channel for handoffs");
  });

  it("takes the handoff and manager channels from a command in each channel, and confirms there", async () => {
    const command = channelMessage(world, {
      channelId: SALES.id,
      from: ADMIN,
      text: "use this channel for sales handoffs",
      mentionBot: true,
    });
    expect((await run.activity(command)).status).toBe(200);
    const confirm = await run.teams.waitFor(
      (c) => c.kind === "send" && c.conversationId === `${SALES.id};messageid=${command.id}`,
    );
    expect(String(confirm.body.text)).toMatch(
      /^Done: Maple Ridge Motors's sales handoffs will be posted in this channel \(Sales floor\)/,
    );

    await run.activity(
      channelMessage(world, {
        channelId: MANAGERS.id,
        from: ADMIN,
        text: "use this channel for managers.",
        mentionBot: true,
      }),
    );
    await run.teams.waitFor(
      (c) =>
        c.kind === "send" &&
        c.conversationId?.startsWith(`${MANAGERS.id};`) === true &&
        String(c.body.text).includes("escalations"),
    );
    const choices = await run.baton.database.prisma.teamsChannelChoice.findMany({ orderBy: { purpose: "asc" } });
    expect(choices.map((c) => [c.dealershipId, c.purpose, c.channelId, c.chosenByName])).toEqual([
      ["main", "handoffs:sales", SALES.id, ADMIN.name],
      ["main", "managers", MANAGERS.id, ADMIN.name],
    ]);
  });

  it("posts the handoff card proactively in the chosen channel, as an Adaptive Card with Universal Actions", async () => {
    await run.text(CUSTOMER, "Hi, this is Dana. Is the 2024 Toyota Tacoma still available?");
    await run.text(CUSTOMER, "What's your best out the door price on it?");
    const post = await run.teams.waitFor(
      (c) => c.kind === "send" && c.conversationId === SALES.id && cardOf(c) !== undefined,
    );
    const card = cardOf(post)!;
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.content.version).toBe("1.5");
    expect(verbsOf(card.content)).toEqual(["baton_claim", "baton_hand_back", "baton_resolve"]);
    conversationId = card.content.actions[0].data.conversationId;
    cardId = post.answeredId!;
    const text = shown(card.content);
    expect(text).toContain("Dana");
    expect(text).toContain("Sales");
    expect(text).toContain("•••-•••-0123");
    expect(text).not.toContain("5125550123");
    expect(text).toContain("out the door");
    await run.baton.idle();
    const stored = await run.baton.database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect([stored.staffChannel, stored.threadChannel, stored.threadTs]).toEqual(["teams", SALES.id, cardId]);
  });

  it("two Claims at once: one wins and the card changes for everyone; the other is shown who has it", async () => {
    const sends = run.twilio.messages.length;
    const click = (who: typeof JORDAN) =>
      run
        .activity(
          actionExecute(world, {
            channelId: SALES.id,
            cardId,
            from: who,
            verb: "baton_claim",
            data: { conversationId },
          }),
        )
        .then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));
    const [a, b] = await Promise.all([click(JORDAN), click(SAM)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    for (const r of [a, b])
      expect(r.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const loser = [a, b].find((r) => r.body.value.body[0].type === "Container")!;
    const winner = [a, b].find((r) => r !== loser)!;
    expect(loser).toBeDefined();
    const ownerName = /Already claimed by (.+)\./.exec(shown(loser.body.value.body[0]))![1]!;
    owner = ownerName === JORDAN.name ? JORDAN : SAM;
    other = owner === JORDAN ? SAM : JORDAN;
    expect(shown(winner.body.value)).toContain(`Claimed by ${ownerName}`);
    expect(verbsOf(winner.body.value)).not.toContain("baton_claim");

    const update = await run.teams.waitFor(
      (c) => c.kind === "update" && c.activityId === cardId && shown(cardOf(c)?.content).includes("Claimed by"),
    );
    expect(update.conversationId).toBe(SALES.id);
    expect(shown(cardOf(update)!.content)).toMatch(/customer waited \d+s/);
    const notices = await run.twilio.waitForMessages(sends + 1);
    expect(notices.at(-1)!.body).toBe(`${ownerName} from our sales team will text you here shortly.`);
    await settle();
    expect(run.twilio.messages.length).toBe(sends + 1);
  });

  it("texts the owner's reply in the card's thread to the customer, with the bot's @mention stripped", async () => {
    const sends = run.twilio.messages.length;
    const reply = channelMessage(world, {
      channelId: SALES.id,
      rootId: cardId,
      from: owner,
      text: "Hi Dana, I can do a quick call about numbers at 4pm, does that work?",
      mentionBot: true,
    });
    expect((await run.activity(reply)).status).toBe(200);
    await run.activity(reply); // the same activity delivered twice is sent once
    const [sms] = (await run.twilio.waitForMessages(sends + 1)).slice(-1);
    expect(sms!.body).toBe("Hi Dana, I can do a quick call about numbers at 4pm, does that work?");
    expect(sms!.from).toBe(DEALER_NUMBER);
    await settle();
    expect(run.twilio.messages.length).toBe(sends + 1);
  });

  it("keeps internal notes and a non-owner's reply away from the customer, and tells the non-owner why", async () => {
    const sends = run.twilio.messages.length;
    await run.activity(
      channelMessage(world, {
        channelId: SALES.id,
        rootId: cardId,
        from: owner,
        text: "// checking with the desk first",
      }),
    );
    await run.activity(
      channelMessage(world, { channelId: SALES.id, rootId: cardId, from: other, text: "who's on this?" }),
    );
    const told = await run.teams.waitFor(
      (c) =>
        c.kind === "send" &&
        c.conversationId === `${SALES.id};messageid=${cardId}` &&
        String(c.body.text).includes("Not sent to the customer"),
    );
    expect(String(told.body.text)).toBe(
      `<at>${other.name}</at> Not sent to the customer: ${owner.name} owns this conversation, so only their replies are texted. Start with // to leave an internal note.`,
    );
    expect(told.body.entities).toEqual([
      { type: "mention", text: `<at>${other.name}</at>`, mentioned: { id: other.id, name: other.name } },
    ]);
    await settle();
    expect(run.twilio.messages.length).toBe(sends);
  });

  it("posts the customer's next text in the card's reply chain, and the AI stays quiet", async () => {
    const sends = run.twilio.messages.length;
    await run.text(CUSTOMER, "4pm works, call me then");
    const posted = await run.teams.waitFor((c) => c.kind === "send" && String(c.body.text).includes("4pm works"));
    expect(posted.conversationId).toBe(`${SALES.id};messageid=${cardId}`);
    expect(posted.body.text).toBe("💬 Customer: 4pm works, call me then");
    await run.baton.idle();
    expect(run.twilio.messages.length).toBe(sends);
  });

  it("posts for managers in the managers channel, linking the card", async () => {
    const thread = { chat: "teams", channel: SALES.id, ts: cardId };
    expect(
      await run.baton.deps.staffChat.postToManagers("main", { text: "Dana waited 20 minutes for a reply.", thread }),
    ).toBe(true);
    const post = await run.teams.waitFor((c) => c.kind === "send" && c.conversationId === MANAGERS.id);
    expect(String(post.body.text)).toContain("Dana waited 20 minutes");
    expect(post.body.textFormat).toBe("plain");
    expect(String(post.body.text)).toContain(
      `Open the card: https://teams.microsoft.com/l/message/${encodeURIComponent(SALES.id)}/${cardId}`,
    );
  });

  it("reminds the owner by @mention in the thread, and echoes an escalation to the channel", async () => {
    const thread = { chat: "teams", channel: SALES.id, ts: cardId };
    await run.baton.deps.staffChat.postInThread(thread, {
      kind: "warning",
      mention: owner.id,
      text: "the customer has been waiting 12m for your reply.",
    });
    const reminder = await run.teams.waitFor((c) => c.kind === "send" && String(c.body.text).includes("waiting 12m"));
    expect(reminder.conversationId).toBe(`${SALES.id};messageid=${cardId}`);
    expect(reminder.body.text).toBe(`⚠️ <at>${owner.name}</at> the customer has been waiting 12m for your reply.`);
    expect(reminder.body.entities).toEqual([
      { type: "mention", text: `<at>${owner.name}</at>`, mentioned: { id: owner.id, name: owner.name } },
    ]);

    await run.baton.deps.staffChat.postInThread(thread, {
      kind: "warning",
      broadcast: true,
      text: "Still unclaimed after 10m.",
    });
    const echoed = await run.teams.waitFor(
      (c) => c.kind === "send" && c.conversationId === SALES.id && String(c.body.text).includes("Still unclaimed"),
    );
    expect(String(echoed.body.text)).toContain("Open the card: https://teams.microsoft.com/l/message/");
  });

  it("lets only the owner resolve; the owner's Hand back redraws the card for everyone", async () => {
    const click = (who: typeof JORDAN, verb: string) =>
      run
        .activity(actionExecute(world, { channelId: SALES.id, cardId, from: who, verb, data: { conversationId } }))
        .then((r) => r.json() as Promise<Record<string, any>>);
    const refused = await click(other, "baton_resolve");
    expect(shown(refused.value.body[0])).toContain(`${owner.name} owns this conversation; only they can resolve it.`);

    const handedBack = await click(owner, "baton_hand_back");
    expect(shown(handedBack.value)).toContain("Back with the AI");
    expect(verbsOf(handedBack.value)).toEqual(["baton_claim", "baton_resolve"]);
    await run.teams.waitFor(
      (c) => c.kind === "update" && c.activityId === cardId && shown(cardOf(c)?.content).includes("Back with the AI"),
    );
  });
});
