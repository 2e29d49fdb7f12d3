import type { Activity, ResourceResponse, TurnContext } from "botbuilder";

/** The part of botframework-connector's ConnectorClient Baton uses (the package is botbuilder's, not ours). */
interface Connector {
  conversations: {
    sendToConversation(conversationId: string, activity: Activity): Promise<ResourceResponse>;
    updateActivity(conversationId: string, activityId: string, activity: Activity): Promise<ResourceResponse>;
  };
  /** The bot's credentials for this service (see teams-attachments.ts). */
  credentials?: unknown;
}

/** The ConnectorClient botbuilder built for this turn's service URL, with the adapter's credentials. */
export function connectorOf(context: TurnContext): Connector {
  const client = context.turnState.get<Connector>(context.adapter.ConnectorClientKey);
  if (!client) throw new Error("no Bot Framework connector client on this turn");
  return client;
}

/**
 * Posts into a conversation through the turn's connector: to a channel id it starts a thread, to
 * `<channel>;messageid=<root>` it replies in that thread. Not `context.sendActivity`: in a proactive
 * turn that sets `replyToId` to the synthetic continuation id, a reply to a message that does not
 * exist; the REST call says what is meant.
 * @returns the new message's activity id
 */
export async function postActivity(
  context: TurnContext,
  conversationId: string,
  activity: Partial<Activity>,
): Promise<string> {
  const result = await connectorOf(context).conversations.sendToConversation(conversationId, {
    type: "message",
    channelId: context.activity.channelId,
    from: context.activity.recipient,
    conversation: { id: conversationId, isGroup: true, conversationType: "channel", name: "" },
    ...activity,
  } as Activity);
  if (!result.id) throw new Error("the Bot Connector answered without an activity id");
  return result.id;
}

/** Replaces a message the bot posted, for everyone who sees it (`PUT …/activities/{id}`). */
export async function replaceActivity(
  context: TurnContext,
  conversationId: string,
  activityId: string,
  activity: Partial<Activity>,
): Promise<void> {
  await connectorOf(context).conversations.updateActivity(conversationId, activityId, {
    type: "message",
    id: activityId,
    channelId: context.activity.channelId,
    from: context.activity.recipient,
    conversation: { id: conversationId, isGroup: true, conversationType: "channel", name: "" },
    ...activity,
  } as Activity);
}
