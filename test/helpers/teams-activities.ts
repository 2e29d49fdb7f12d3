import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Bot Framework activities as Teams sends them, built from the recorded samples in
 * test/fixtures/teams (a channel thread reply with an @mention, an Action.Execute invoke), with
 * ids, text and `serviceUrl` swapped for the test's. The install event has no recorded sample; it
 * is built from the same fields (channelData.team/tenant, conversation, recipient) plus the
 * documented `eventType: "teamMemberAdded"` and `membersAdded`.
 */

const FIXTURES = fileURLToPath(new URL("../fixtures/teams/", import.meta.url));
/** Which activities the Teams tests are built on, for their titles. */
export const TEAMS_ACTIVITY_SOURCE = "recorded samples";

type Activity = Record<string, any>;
const fixture = (name: string): Activity => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as Activity;

export interface TeamsWorld {
  serviceUrl: string;
  tenantId: string;
  team: { id: string; name: string };
  bot: { id: string; name: string };
}

export interface TeamsPerson {
  id: string;
  name: string;
}

let seq = 1_767_100_000_000;
const nextId = () => String(++seq);

/** The bot added to a team: `conversationUpdate`, in the team's General channel. */
export function installActivity(world: TeamsWorld, by: TeamsPerson): Activity {
  const base = fixture("message.channel.thread-reply.mention.teams-net-test.json");
  return {
    type: "conversationUpdate",
    id: `f:${nextId()}`,
    channelId: base.channelId,
    serviceUrl: world.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: by.id, name: by.name },
    recipient: world.bot,
    conversation: { id: world.team.id, isGroup: true, conversationType: "channel", tenantId: world.tenantId },
    channelData: {
      team: world.team,
      channel: { id: world.team.id },
      tenant: { id: world.tenantId },
      eventType: "teamMemberAdded",
    },
    membersAdded: [{ id: world.bot.id }],
  };
}

/**
 * A person's message in a channel: a new post (`rootId` unset) or a reply in the thread of
 * `rootId`. `mentionBot` puts `<at>Bot</at>` in front, with its mention entity, as Teams does.
 */
export function channelMessage(
  world: TeamsWorld,
  opts: {
    channelId: string;
    from: TeamsPerson;
    text: string;
    rootId?: string;
    mentionBot?: boolean;
    id?: string;
    /** As Teams delivers them, e.g. a pasted image `{ contentType: "image/*", contentUrl }` and its `text/html` copy. */
    attachments?: Activity[];
  },
): Activity {
  const a = fixture("message.channel.thread-reply.mention.teams-net-test.json");
  const id = opts.id ?? nextId();
  const mention = `<at>${world.bot.name}</at>`;
  a.id = id;
  a.serviceUrl = world.serviceUrl;
  a.text = opts.mentionBot ? `${mention} ${opts.text}` : opts.text;
  a.from = { id: opts.from.id, name: opts.from.name, aadObjectId: a.from.aadObjectId };
  a.recipient = world.bot;
  a.conversation = {
    ...a.conversation,
    id: `${opts.channelId};messageid=${opts.rootId ?? id}`,
    tenantId: world.tenantId,
  };
  a.channelData = {
    teamsChannelId: opts.channelId,
    teamsTeamId: world.team.id,
    channel: { id: opts.channelId },
    team: { id: world.team.id },
    tenant: { id: world.tenantId },
  };
  a.entities = [
    ...(opts.mentionBot ? [{ mentioned: world.bot, text: mention, type: "mention" }] : []),
    ...a.entities.filter((e: Activity) => e.type !== "mention"),
  ];
  if (opts.attachments) a.attachments = opts.attachments;
  else delete a.attachments; // the text/html copy of the sample's own words
  a.timestamp = new Date().toISOString();
  return a;
}

/** A click on an `Action.Execute` button of the card `cardId` in a channel: `invoke` `adaptiveCard/action`. */
export function actionExecute(
  world: TeamsWorld,
  opts: { channelId: string; cardId: string; from: TeamsPerson; verb: string; data: Record<string, unknown> },
): Activity {
  const a = fixture("invoke.adaptiveCard-action.Action.Execute.personal.teams-net-test.json");
  a.id = `f:${nextId()}`;
  a.serviceUrl = world.serviceUrl;
  a.from = { id: opts.from.id, name: opts.from.name, aadObjectId: a.from.aadObjectId };
  a.recipient = world.bot;
  a.conversation = {
    id: `${opts.channelId};messageid=${opts.cardId}`,
    conversationType: "channel",
    isGroup: true,
    tenantId: world.tenantId,
  };
  a.channelData = {
    ...a.channelData,
    channel: { id: opts.channelId },
    team: { id: world.team.id },
    tenant: { id: world.tenantId },
  };
  a.replyToId = opts.cardId;
  a.value = {
    action: { type: "Action.Execute", verb: opts.verb, title: opts.verb, data: opts.data },
    trigger: "manual",
  };
  a.timestamp = new Date().toISOString();
  return a;
}
