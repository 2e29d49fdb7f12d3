import type { Clock } from "../../../core/ports/clock.js";
import { wordsWithFileCount } from "../../../core/media/file-count.js";
import type { MediaFile, MediaLinks } from "../../../core/ports/media.js";
import type { HandoffCard, ManagerPost, StaffChat, ThreadPost, ThreadRef } from "../../../core/ports/staff-chat.js";
import type { SandboxFeed } from "../../sandbox/sandbox-feed.js";
import { escapeMrkdwn } from "../slack/escape-mrkdwn.js";
import { renderHandoffCard } from "../slack/render-handoff-card.js";

/** The sandbox's one handoff channel; the page also shows a manager channel. */
export const SANDBOX_CHANNEL = "handoffs";
/** The adapter's name, as threads in the database record it. */
export const SANDBOX_CHAT = "sandbox";

/**
 * The staff channel on the sandbox page, in place of Slack. Cards are the very Block Kit JSON
 * the Slack adapter posts (renderHandoffCard); the page draws them and sends clicks and thread
 * replies back through the same use cases the Slack handlers call.
 */
export class SandboxStaffChat implements StaffChat {
  readonly name = SANDBOX_CHAT;
  private seq = 0;
  /** Where the page loads files from: Baton's signed same-origin /media links, once they exist. */
  private links: MediaLinks | undefined;

  constructor(
    private readonly feed: SandboxFeed,
    private readonly clock: Clock,
  ) {}

  async postCard(card: HandoffCard): Promise<ThreadRef> {
    // Slack-like message ids, unique across restarts of a sandbox on a file database.
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}`;
    const thread = { chat: this.name, channel: SANDBOX_CHANNEL, ts };
    this.publishCard(thread, card, this.previousThreadUrl(card));
    return thread;
  }

  async updateCard(thread: ThreadRef, card: HandoffCard): Promise<void> {
    this.publishCard(thread, card);
  }

  async postInThread(thread: ThreadRef, post: ThreadPost): Promise<void> {
    // As in Slack: the customer's and the AI's words are escaped so they cannot format or ping.
    const text = escapeMrkdwn(post.text);
    this.feed.publish({
      type: "thread",
      ts: thread.ts,
      kind: post.kind,
      text,
      broadcast: post.broadcast,
      mention: post.mention,
      at: this.at(),
    });
  }

  /** The links files are shown at (app.ts, once Baton's media exists). */
  showFilesAt(links: MediaLinks): void {
    this.links = links;
  }

  /**
   * The words and the files as one thread line, each file at its signed /media link (the page
   * shows a picture as an image, anything else as a link). Without links, the words and a count.
   */
  async postFiles(thread: ThreadRef, post: ThreadPost, files: MediaFile[]): Promise<void> {
    const links = this.links;
    if (!links) return this.postInThread(thread, wordsWithFileCount(post, files.length));
    this.feed.publish({
      type: "thread",
      ts: thread.ts,
      kind: post.kind,
      text: escapeMrkdwn(post.text),
      broadcast: post.broadcast,
      mention: post.mention,
      files: files.map((f) => ({ name: f.fileName, contentType: f.contentType, url: links.urlFor(f.id) })),
      at: this.at(),
    });
  }

  async tellUser(thread: ThreadRef, userId: string, text: string): Promise<void> {
    this.feed.publish({ type: "ephemeral", ts: thread.ts, userId, text, at: this.at() });
  }

  /** The sandbox always has a manager channel. */
  async postToManagers(_dealershipId: string, post: ManagerPost): Promise<boolean> {
    const threadTs = post.thread?.chat === this.name ? post.thread.ts : undefined;
    this.feed.publish({
      type: "managers",
      kind: post.kind ?? "alert",
      text: escapeMrkdwn(post.text),
      threadTs,
      at: this.at(),
    });
    return true;
  }

  /**
   * Draws a card posted before Baton started (the feed forgets on a restart, the database does
   * not): as the database draws it now, dated when it was posted. False when the feed shows it
   * already: a live redraw came first and is newer.
   */
  redrawCard(thread: ThreadRef, card: HandoffCard, postedAt: Date): boolean {
    if (this.feed.hasCard(thread.ts)) return false;
    this.publishCard(thread, card, this.previousThreadUrl(card), postedAt.toISOString());
    return true;
  }

  private publishCard(thread: ThreadRef, card: HandoffCard, previousThreadUrl?: string, at = this.at()): void {
    const { text, blocks } = renderHandoffCard(card, { previousThreadUrl });
    this.feed.publish({
      type: "card",
      ts: thread.ts,
      channel: thread.channel,
      conversationId: card.conversationId,
      text,
      blocks,
      at,
    });
  }

  /** A link the page opens in place: the card of the conversation this one reopened. */
  private previousThreadUrl(card: HandoffCard): string | undefined {
    return card.previousThread?.chat === this.name ? `#thread-${card.previousThread.ts}` : undefined;
  }

  private at(): string {
    return this.clock.now().toISOString();
  }
}
