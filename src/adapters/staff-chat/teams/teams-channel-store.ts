import type { ConversationReference } from "botbuilder";
import type { Department } from "../../../core/ports/brain.js";

/** What a channel of a team is for, per rooftop: all its handoffs, one department's, or managers. */
export type ChannelPurpose = "handoffs" | `handoffs:${Department}` | "managers";

/** A channel Baton can post into on its own: where it is and the reference Bot Framework needs. */
export interface TeamsChannel {
  /** The channel conversation id, `19:…@thread.tacv2`. */
  id: string;
  teamId: string;
  teamName?: string;
  /** Unset for a team's General channel. */
  name?: string;
  tenantId?: string;
  reference: Partial<ConversationReference>;
}

export interface ChannelChoice {
  dealershipId: string;
  purpose: ChannelPurpose;
  channelId: string;
  chosenBy: { id: string; name: string };
}

/** The Teams adapter's own memory: teams it was added to and the channels people chose. */
export interface TeamsChannelStore {
  /** Records (or refreshes) channels; idempotent, so install events may repeat. */
  saveChannels(channels: TeamsChannel[]): Promise<void>;
  getChannel(channelId: string): Promise<TeamsChannel | undefined>;
  choose(choice: ChannelChoice): Promise<void>;
  /** The first chosen channel among `purposes`, in that order (e.g. the department's, then the rooftop's). */
  chosenChannel(dealershipId: string, purposes: ChannelPurpose[]): Promise<TeamsChannel | undefined>;
}
