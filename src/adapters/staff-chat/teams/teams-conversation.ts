import type { Activity, ConversationReference } from "botbuilder";
import type { TeamsChannel } from "./teams-channel-store.js";

/**
 * Teams names a channel thread by its channel plus the root message: `19:…@thread.tacv2;messageid=<root id>`.
 * Posting to the channel id starts a new thread; posting to the thread id replies in it.
 */
export function threadConversationId(channelId: string, rootActivityId: string): string {
  return `${channelId};messageid=${rootActivityId}`;
}

/** Splits a conversation id into its channel and, for a thread, the root message id. */
export function splitConversationId(conversationId: string): { channelId: string; rootId?: string } {
  const [channelId, ...rest] = conversationId.split(";");
  const root = rest.find((part) => part.startsWith("messageid="))?.slice("messageid=".length);
  return { channelId: channelId!, ...(root ? { rootId: root } : {}) };
}

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  tenant?: { id?: string };
  eventType?: string;
}

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/** The tenant (organisation) an activity comes from. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId;
}

/** The team an activity happened in, or undefined outside a team (personal chat, group chat). */
export function teamOf(activity: Partial<Activity>): { id: string; name?: string } | undefined {
  const team = channelDataOf(activity).team;
  return team?.id ? { id: team.id, ...(team.name ? { name: team.name } : {}) } : undefined;
}

/**
 * A channel Baton can post into later, from any activity in its team: the same service URL,
 * bot and tenant, with the conversation pointed at the channel itself.
 */
export function channelFromActivity(
  activity: Partial<Activity>,
  channel: { id: string; name?: string },
): TeamsChannel | undefined {
  const team = teamOf(activity);
  if (!team || !activity.serviceUrl || !activity.recipient) return undefined;
  const tenantId = tenantOf(activity);
  const reference: Partial<ConversationReference> = {
    channelId: activity.channelId ?? "msteams",
    serviceUrl: activity.serviceUrl,
    bot: { id: activity.recipient.id, name: activity.recipient.name },
    conversation: {
      id: channel.id,
      isGroup: true,
      conversationType: "channel",
      name: channel.name ?? "",
      ...(tenantId ? { tenantId } : {}),
    },
  };
  return {
    id: channel.id,
    teamId: team.id,
    ...(team.name ? { teamName: team.name } : {}),
    ...(channel.name ? { name: channel.name } : {}),
    ...(tenantId ? { tenantId } : {}),
    reference,
  };
}

/** How people call a channel: General has no name of its own. */
export function channelLabel(channel: Pick<TeamsChannel, "name">): string {
  return channel.name ?? "General";
}
