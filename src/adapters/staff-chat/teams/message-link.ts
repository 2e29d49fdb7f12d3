import type { TeamsChannel } from "./teams-channel-store.js";
import { channelLabel } from "./teams-conversation.js";

/**
 * A link that opens a message in Teams (the deep-link format Microsoft documents for channel
 * messages). Without the team's Microsoft 365 group id some clients open the channel rather than
 * the exact post; the link is a convenience, the card stands without it.
 */
export function messageLink(channel: TeamsChannel, messageId: string): string {
  const params = new URLSearchParams({ parentMessageId: messageId });
  if (channel.tenantId) params.set("tenantId", channel.tenantId);
  if (channel.teamName) params.set("teamName", channel.teamName);
  params.set("channelName", channelLabel(channel));
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channel.id)}/${encodeURIComponent(messageId)}?${params}`;
}
