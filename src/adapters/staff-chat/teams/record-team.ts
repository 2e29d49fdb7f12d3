import { TeamsInfo, type TurnContext } from "botbuilder";
import type { Logger } from "../../../core/ports/logger.js";
import { describeTeamsError } from "./describe-teams-error.js";
import { COMMAND_HELP } from "./parse-channel-command.js";
import { postActivity } from "./post-activity.js";
import type { TeamsChannel, TeamsChannelStore } from "./teams-channel-store.js";
import { channelDataOf, channelFromActivity, teamOf } from "./teams-conversation.js";

/** Whether this conversationUpdate says the bot itself joined (not a person joining the team). */
export function botWasAdded(context: TurnContext): boolean {
  const bot = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id === bot);
}

/**
 * Baton was added to a team: remember every channel it can post into later. The list comes from
 * the Bot Connector; if that fails, the channel the event came from (General) is still recorded,
 * and any other channel is recorded when someone speaks to Baton there.
 * @returns the channels recorded, none when the event was not in a team
 */
export async function recordTeam(
  context: TurnContext,
  store: TeamsChannelStore,
  logger: Logger,
): Promise<TeamsChannel[]> {
  const team = teamOf(context.activity);
  if (!team) return [];
  let listed: { id: string; name?: string }[] = [{ id: channelDataOf(context.activity).channel?.id ?? team.id }];
  try {
    const channels = await TeamsInfo.getTeamChannels(context, team.id);
    listed = channels.filter((c) => c.id).map((c) => ({ id: c.id!, ...(c.name ? { name: c.name } : {}) }));
  } catch (error) {
    logger.warn(
      { error: describeTeamsError(error), team: team.id },
      "could not list the team's channels; recording the one Baton was added from",
    );
  }
  const channels = listed
    .map((c) => channelFromActivity(context.activity, c))
    .filter((c): c is TeamsChannel => c !== undefined);
  await store.saveChannels(channels);
  logger.info({ team: team.id, channels: channels.length }, "Baton was added to a Teams team");
  return channels;
}

/** A channel was created or renamed after the install: keep its reference current. */
export async function recordChannelEvent(context: TurnContext, store: TeamsChannelStore): Promise<void> {
  const channel = channelDataOf(context.activity).channel;
  if (!channel?.id) return;
  const record = channelFromActivity(context.activity, {
    id: channel.id,
    ...(channel.name ? { name: channel.name } : {}),
  });
  if (record) await store.saveChannels([record]);
}

/** Says hello in the channel Baton was added from, with the one thing to do next. */
export async function welcome(context: TurnContext): Promise<void> {
  const channelId = channelDataOf(context.activity).channel?.id ?? teamOf(context.activity)?.id;
  if (!channelId) return;
  await postActivity(context, channelId, {
    text: `Thanks for adding Baton. When a customer texting the dealership needs a person, Baton posts a card with Claim in the channel you choose.\n\n${COMMAND_HELP}`,
  });
}
