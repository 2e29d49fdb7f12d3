import type { TurnContext } from "botbuilder";
import type { Department } from "../../../core/ports/brain.js";
import type { ChannelCommand } from "./parse-channel-command.js";
import { postActivity } from "./post-activity.js";
import type { TeamsChannelStore } from "./teams-channel-store.js";
import { channelDataOf, channelFromActivity, channelLabel, splitConversationId } from "./teams-conversation.js";

/** A store whose cards go to Teams, as the channel command may name it. */
export interface TeamsRooftop {
  id: string;
  name: string;
  /** Only these departments go to Teams (the rest to Slack); unset: all of them. */
  departments?: Department[];
}

function findRooftop(rooftops: TeamsRooftop[], wanted: string | undefined): TeamsRooftop | string {
  const list = rooftops.map((r) => `${r.id} (${r.name})`).join(", ");
  if (rooftops.length === 0)
    return "No store is set to send its handoffs to Teams yet (STAFF_CHAT or BATON_CONFIG on the Baton server).";
  if (!wanted)
    return rooftops.length === 1
      ? rooftops[0]!
      : `Baton serves several stores here; add which one, e.g. "… at ${rooftops[0]!.id}". Stores: ${list}.`;
  const key = wanted.toLowerCase();
  return (
    rooftops.find((r) => r.id.toLowerCase() === key || r.name.toLowerCase() === key) ??
    `I don't know a store called "${wanted}". Stores: ${list}.`
  );
}

function confirmation(command: ChannelCommand, rooftop: TeamsRooftop, label: string): string {
  if (command.purpose === "managers")
    return `Done: escalations and the daily digest for ${rooftop.name} will be posted in ${label}.`;
  const department = command.purpose.startsWith("handoffs:")
    ? (command.purpose.slice("handoffs:".length) as Department)
    : undefined;
  const what = department ? `${rooftop.name}'s ${department} handoffs` : `${rooftop.name}'s handoffs`;
  const elsewhere =
    department && rooftop.departments && !rooftop.departments.includes(department)
      ? ` (Note: ${department} is not one of the departments this store sends to Teams, so its cards go to Slack until that changes.)`
      : "";
  return `Done: ${what} will be posted in ${label}. Click Claim on a card, then reply to it: your replies are texted to the customer. Start a reply with // to keep it internal.${elsewhere}`;
}

/**
 * "@Baton use this channel for …": stores the choice for the store and purpose, and says so in
 * the channel. The channel is recorded too, in case it was created after Baton joined.
 */
export async function chooseChannel(
  context: TurnContext,
  command: ChannelCommand,
  deps: { store: TeamsChannelStore; rooftops: TeamsRooftop[]; by: { id: string; name: string } },
): Promise<void> {
  const activity = context.activity;
  const reply = (text: string) => postActivity(context, activity.conversation.id, { text });
  const { channelId } = splitConversationId(activity.conversation.id);
  const rooftop = findRooftop(deps.rooftops, command.rooftop);
  if (typeof rooftop === "string") return void (await reply(rooftop));

  const channelName = channelDataOf(activity).channel?.name;
  const channel = channelFromActivity(activity, { id: channelId, ...(channelName ? { name: channelName } : {}) });
  if (!channel) return void (await reply("Baton can only use a channel of a team it was added to."));
  await deps.store.saveChannels([channel]);
  await deps.store.choose({ dealershipId: rooftop.id, purpose: command.purpose, channelId, chosenBy: deps.by });
  const known = await deps.store.getChannel(channelId);
  await reply(confirmation(command, rooftop, known?.name ? `this channel (${channelLabel(known)})` : "this channel"));
}
