import { CardFactory, type Activity, type CloudAdapter, type TurnContext } from "botbuilder";
import { wordsWithFileCount } from "../../../core/media/file-count.js";
import { escapeTeamsText } from "./escape-teams-text.js";
import type { Logger } from "../../../core/ports/logger.js";
import type { MediaFile, MediaLinks } from "../../../core/ports/media.js";
import type { HandoffCard, ManagerPost, StaffChat, ThreadPost, ThreadRef } from "../../../core/ports/staff-chat.js";
import { messageLink } from "./message-link.js";
import { mentionFor } from "./mention.js";
import { postActivity, replaceActivity } from "./post-activity.js";
import type { RecentMembers } from "./recent-members.js";
import { cardSummaryText, renderAdaptiveCard } from "./render-adaptive-card.js";
import { filesSummaryText, renderFilesCard } from "./render-files-card.js";
import type { TeamsChannel, TeamsChannelStore } from "./teams-channel-store.js";
import { threadConversationId } from "./teams-conversation.js";

export const TEAMS_CHAT = "teams";

const PREFIX: Record<ThreadPost["kind"], string> = {
  customer: "💬 Customer:",
  ai: "🤖 AI:",
  system: "ℹ️",
  warning: "⚠️",
};

/** Plain text (Teams turns a bare URL into a link; markdown in the text stays as typed). */
function plainWithLink(text: string, link: string | undefined): Partial<Activity> {
  return { text: link ? `${text}\nOpen the card: ${link}` : text, textFormat: "plain" };
}

/**
 * Staff chat in Microsoft Teams channels. Every post is proactive: Baton continues the
 * conversation from the channel's stored reference (`continueConversationAsync`), since cards and
 * customer texts arrive from SMS, not in answer to anything said in Teams.
 * A card's thread is `{ channel: <channel id>, ts: <card activity id> }`.
 */
export class TeamsStaffChat implements StaffChat {
  readonly name = TEAMS_CHAT;

  constructor(
    private readonly adapter: CloudAdapter,
    /** The Microsoft App ID; empty in Emulator mode. */
    private readonly botAppId: string,
    private readonly channels: TeamsChannelStore,
    private readonly members: RecentMembers,
    private readonly logger: Logger,
    /** Signed links to stored files (PUBLIC_URL): without them, files are only counted. */
    private readonly mediaLinks?: MediaLinks,
  ) {}

  async postCard(card: HandoffCard): Promise<ThreadRef> {
    const channel = await this.channels.chosenChannel(card.dealershipId, [`handoffs:${card.department}`, "handoffs"]);
    if (!channel) {
      throw new Error(
        `no Teams channel is chosen for ${card.dealershipId}'s handoffs: in the channel, post "@Baton use this channel for handoffs"`,
      );
    }
    const previous = card.previousThread?.chat === this.name ? await this.linkTo(card.previousThread) : undefined;
    const activity = this.cardActivity(card, previous);
    const id = await this.inChannel(channel, (context) => postActivity(context, channel.id, activity));
    return { chat: this.name, channel: channel.id, ts: id };
  }

  async updateCard(thread: ThreadRef, card: HandoffCard): Promise<void> {
    const channel = await this.channelOf(thread);
    await this.inChannel(channel, (context) =>
      replaceActivity(context, channel.id, thread.ts, this.cardActivity(card)),
    );
  }

  async postInThread(thread: ThreadRef, post: ThreadPost): Promise<void> {
    const channel = await this.channelOf(thread);
    const text = `${PREFIX[post.kind]} ${post.text}`;
    await this.inChannel(channel, async (context) => {
      const mention = post.mention ? await mentionFor(context, this.members, post.mention, "owner") : undefined;
      // Plain text: a customer's words are shown as typed, never as markdown links. A mention
      // needs Teams' markup, and comes with Baton's own words (a reminder to the owner).
      const reply: Partial<Activity> = mention
        ? { text: `${PREFIX[post.kind]} ${mention.text} ${escapeTeamsText(post.text)}`, entities: [mention] }
        : { text, textFormat: "plain" };
      await postActivity(context, threadConversationId(channel.id, thread.ts), reply);
      // Slack can echo a thread reply to the channel; in Teams a new post says it and links the card.
      if (post.broadcast) await postActivity(context, channel.id, plainWithLink(text, await this.linkTo(thread)));
    });
  }

  /**
   * One reply in the card's thread: an Adaptive Card with the words and the files from Baton's
   * signed links (Teams fetches a card's images itself, so they must be reachable at PUBLIC_URL).
   * Without links (no PUBLIC_URL) there is nothing Teams could load: the words and a count.
   * The core sends files with neither `mention` nor `broadcast`; a card carries neither.
   */
  async postFiles(thread: ThreadRef, post: ThreadPost, files: MediaFile[]): Promise<void> {
    const links = this.mediaLinks;
    if (!links || files.length === 0) return this.postInThread(thread, wordsWithFileCount(post, files.length));
    const channel = await this.channelOf(thread);
    const reply: Partial<Activity> = {
      summary: filesSummaryText(PREFIX[post.kind], post.text.slice(0, 200), files.length),
      attachments: [CardFactory.adaptiveCard(renderFilesCard(PREFIX[post.kind], post.text, files, links))],
    };
    await this.inChannel(channel, (context) =>
      postActivity(context, threadConversationId(channel.id, thread.ts), reply),
    );
  }

  /**
   * Teams channels have no messages only one person sees, so the honest option is a reply in
   * the card's thread that @mentions them: everyone in the thread can read it, and it says so.
   */
  async tellUser(thread: ThreadRef, userId: string, text: string): Promise<void> {
    const channel = await this.channelOf(thread);
    await this.inChannel(channel, async (context) => {
      const mention = await mentionFor(context, this.members, userId, "you");
      await postActivity(context, threadConversationId(channel.id, thread.ts), {
        text: `${mention.text} ${escapeTeamsText(text)}`,
        entities: [mention],
      });
    });
  }

  async postToManagers(dealershipId: string, post: ManagerPost): Promise<boolean> {
    const channel = await this.channels.chosenChannel(
      dealershipId,
      post.orHandoffChannel ? ["managers", "handoffs"] : ["managers"],
    );
    if (!channel) return false;
    const link = post.thread?.chat === this.name ? await this.linkTo(post.thread) : undefined;
    // Plain text: a summary carries the customer's words.
    const text = `${post.kind === "report" ? "📊" : "🚨"} ${post.text}`;
    await this.inChannel(channel, (context) => postActivity(context, channel.id, plainWithLink(text, link)));
    return true;
  }

  private cardActivity(card: HandoffCard, previousThreadUrl?: string): Partial<Activity> {
    return {
      summary: cardSummaryText(card),
      attachments: [CardFactory.adaptiveCard(renderAdaptiveCard(card, { previousThreadUrl }))],
    };
  }

  private async channelOf(thread: ThreadRef): Promise<TeamsChannel> {
    const channel = await this.channels.getChannel(thread.channel);
    if (!channel) throw new Error(`Teams channel ${thread.channel} is not recorded (was Baton removed from the team?)`);
    return channel;
  }

  private async linkTo(thread: ThreadRef): Promise<string | undefined> {
    const channel = await this.channels.getChannel(thread.channel);
    return channel ? messageLink(channel, thread.ts) : undefined;
  }

  /** Runs `work` in a proactive turn on the channel's conversation, and returns what it returns. */
  private async inChannel<T>(channel: TeamsChannel, work: (context: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    let done = false;
    await this.adapter.continueConversationAsync(this.botAppId, channel.reference, async (context) => {
      result = await work(context);
      done = true;
    });
    if (!done) throw new Error(`Teams: the proactive turn in ${channel.id} did not run`);
    this.logger.debug({ channel: channel.id }, "teams post sent");
    return result as T;
  }
}
