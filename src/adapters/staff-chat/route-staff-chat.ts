import type { Rooftop } from "../../config/config.js";
import type { Department } from "../../core/ports/brain.js";
import { wordsWithFileCount } from "../../core/media/file-count.js";
import type { MediaFile } from "../../core/ports/media.js";
import type { HandoffCard, ManagerPost, StaffChat, ThreadPost, ThreadRef } from "../../core/ports/staff-chat.js";

/**
 * Which chat a rooftop's cards go to. `teams` on a rooftop means Teams; with `teams.departments`
 * (and Slack configured for the rest) only those departments. Without a department (manager posts),
 * the rooftop's main chat: Teams when it has all the departments, else Slack.
 */
export function chatForRooftop(rooftop: Rooftop, department?: Department): string {
  const teams = rooftop.teams;
  if (teams && (!teams.departments || !rooftop.slack)) return "teams";
  if (teams && department && teams.departments?.includes(department)) return "teams";
  if (rooftop.slack) return "slack";
  return "log";
}

/**
 * One StaffChat in front of several (Slack, Teams, the log): a new card goes to the chat chosen
 * for its rooftop and department; everything about an existing card goes to the chat named in its
 * thread reference, so a card stays where it was posted even if the choice changes later. The core
 * sees one port and never learns which chat it talks to.
 */
export class RouteStaffChat implements StaffChat {
  readonly name = "route";
  private readonly chats: Map<string, StaffChat>;

  constructor(
    chats: StaffChat[],
    private readonly chatFor: (dealershipId: string, department?: Department) => string,
    /** Where anything goes whose chat is not connected (the log). */
    private readonly fallback: StaffChat,
  ) {
    this.chats = new Map(chats.map((chat) => [chat.name, chat]));
  }

  postCard(card: HandoffCard): Promise<ThreadRef> {
    return this.named(this.chatFor(card.dealershipId, card.department)).postCard(card);
  }

  async findCard(card: HandoffCard): Promise<ThreadRef | undefined> {
    return this.named(this.chatFor(card.dealershipId, card.department)).findCard?.(card);
  }

  updateCard(thread: ThreadRef, card: HandoffCard): Promise<void> {
    return this.named(thread.chat).updateCard(thread, card);
  }

  postInThread(thread: ThreadRef, post: ThreadPost): Promise<void> {
    return this.named(thread.chat).postInThread(thread, post);
  }

  /** To the card's chat; one that cannot show files (the log) gets the words and a count. */
  postFiles(thread: ThreadRef, post: ThreadPost, files: MediaFile[]): Promise<void> {
    const chat = this.named(thread.chat);
    if (chat.postFiles) return chat.postFiles(thread, post, files);
    return chat.postInThread(thread, wordsWithFileCount(post, files.length));
  }

  tellUser(thread: ThreadRef, userId: string, text: string): Promise<void> {
    return this.named(thread.chat).tellUser(thread, userId, text);
  }

  /** The managers of the chat that holds the card, else the rooftop's main chat. */
  async postToManagers(dealershipId: string, post: ManagerPost): Promise<boolean> {
    const main = this.chatFor(dealershipId);
    const first = post.thread && this.chats.has(post.thread.chat) ? post.thread.chat : main;
    if (await this.named(first).postToManagers(dealershipId, post)) return true;
    return first !== main ? this.named(main).postToManagers(dealershipId, post) : false;
  }

  private named(name: string): StaffChat {
    return this.chats.get(name) ?? this.fallback;
  }
}
