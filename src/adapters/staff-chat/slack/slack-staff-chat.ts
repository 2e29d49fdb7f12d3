import type { webApi } from "@slack/bolt";
import type { Department } from "../../../core/ports/brain.js";
import type { HandoffCard, ManagerPost, StaffChat, ThreadPost, ThreadRef } from "../../../core/ports/staff-chat.js";
import { escapeMrkdwn } from "./escape-mrkdwn.js";
import type { MediaFile } from "../../../core/ports/media.js";
import { ACTION_CLAIM, ACTION_HAND_BACK, ACTION_RESOLVE, renderHandoffCard } from "./render-handoff-card.js";

export interface SlackChannels {
  handoffChannel: string;
  managerChannel?: string;
  departmentChannels: Partial<Record<Department, string>>;
}

const PREFIX: Record<ThreadPost["kind"], string> = {
  customer: ":speech_balloon: *Customer:*",
  ai: ":robot_face: *AI:*",
  system: ":information_source:",
  warning: ":warning:",
};

/** How many of the channel's newest messages are searched for a card posted just before a crash. */
const CARD_LOOKBACK = 200;

/** A message with one of Baton's card buttons on it. */
function isClaimCard(blocks: unknown): boolean {
  const text = JSON.stringify(blocks ?? []);
  return [ACTION_CLAIM, ACTION_HAND_BACK, ACTION_RESOLVE].some((id) => text.includes(`"action_id":"${id}"`));
}

/** Staff chat over the Slack Web API. Customer text is escaped so it can't ping anyone. */
export class SlackStaffChat implements StaffChat {
  readonly name = "slack";

  constructor(
    private readonly client: webApi.WebClient,
    private readonly channelsFor: (dealershipId: string) => SlackChannels,
  ) {}

  async postCard(card: HandoffCard): Promise<ThreadRef> {
    const channel = this.cardChannel(card);
    const previousThreadUrl =
      card.previousThread?.chat === this.name ? await this.permalink(card.previousThread) : undefined;
    const { text, blocks } = renderHandoffCard(card, { previousThreadUrl });
    const result = await this.client.chat.postMessage({ channel, text, blocks, unfurl_links: false });
    if (!result.ts || !result.channel) throw new Error("Slack chat.postMessage returned no ts");
    return { chat: this.name, channel: result.channel, ts: result.ts };
  }

  /** Baton's own card among the channel's newest messages: its Claim button carries the conversation id. */
  async findCard(card: HandoffCard): Promise<ThreadRef | undefined> {
    const channel = this.cardChannel(card);
    const history = await this.client.conversations.history({ channel, limit: CARD_LOOKBACK });
    const found = history.messages?.find(
      (m) =>
        m.ts &&
        JSON.stringify(m.blocks ?? []).includes(`"value":${JSON.stringify(card.conversationId)}`) &&
        isClaimCard(m.blocks),
    );
    return found?.ts ? { chat: this.name, channel, ts: found.ts } : undefined;
  }

  async updateCard(thread: ThreadRef, card: HandoffCard): Promise<void> {
    const { text, blocks } = renderHandoffCard(card);
    await this.client.chat.update({ channel: thread.channel, ts: thread.ts, text, blocks });
  }

  async postInThread(thread: ThreadRef, post: ThreadPost): Promise<void> {
    // Every kind: a system or warning post quotes outside words too (an opt-out, a lead's message, a provider's error).
    const body = escapeMrkdwn(post.text);
    const mention = post.mention ? `<@${post.mention}> ` : "";
    await this.client.chat.postMessage({
      channel: thread.channel,
      thread_ts: thread.ts,
      text: `${PREFIX[post.kind]} ${mention}${body}`,
      unfurl_links: false,
      // Also shown in the channel: an escalation must be seen, not buried in a thread.
      reply_broadcast: post.broadcast === true,
    });
  }

  /**
   * Slack's two-step upload (files.getUploadURLExternal, then files.completeUploadExternal, which
   * the SDK's filesUploadV2 drives): every file and the words land in the thread as one message.
   */
  async postFiles(thread: ThreadRef, post: ThreadPost, files: MediaFile[]): Promise<void> {
    const words = post.text ? `${PREFIX[post.kind]} ${escapeMrkdwn(post.text)}` : PREFIX[post.kind];
    await this.client.filesUploadV2({
      channel_id: thread.channel,
      thread_ts: thread.ts,
      initial_comment: words,
      file_uploads: files.map((f) => ({
        file: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
        filename: f.fileName,
      })),
    });
  }

  async postToManagers(dealershipId: string, post: ManagerPost): Promise<boolean> {
    // A rooftop may have no Slack at all (its cards on Teams): then there is no Slack manager channel.
    const channels = this.channelsFor(dealershipId);
    const channel = channels?.managerChannel ?? (post.orHandoffChannel ? channels?.handoffChannel : undefined);
    if (!channel) return false;
    const link = post.thread?.chat === this.name ? await this.permalink(post.thread) : undefined;
    const prefix = post.kind === "report" ? ":bar_chart:" : ":rotating_light:";
    // Escaped: a summary carries the customer's words, which must not ping anyone.
    const text = `${prefix} ${escapeMrkdwn(post.text)}${link ? `\n<${link}|Open the card>` : ""}`;
    await this.client.chat.postMessage({ channel, text, unfurl_links: false });
    return true;
  }

  async tellUser(thread: ThreadRef, userId: string, text: string): Promise<void> {
    await this.client.chat.postEphemeral({
      channel: thread.channel,
      user: userId,
      thread_ts: thread.ts,
      text: escapeMrkdwn(text),
    });
  }

  private cardChannel(card: HandoffCard): string {
    const channels = this.channelsFor(card.dealershipId);
    return channels.departmentChannels[card.department] ?? channels.handoffChannel;
  }

  private async permalink(thread: ThreadRef): Promise<string | undefined> {
    try {
      const result = await this.client.chat.getPermalink({ channel: thread.channel, message_ts: thread.ts });
      return result.permalink;
    } catch {
      return undefined; // the link is a convenience; the new card stands without it
    }
  }
}
