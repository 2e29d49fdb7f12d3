import type { HandoffCard, ThreadRef } from "../../core/ports/staff-chat.js";
import type { SandboxStaffChat } from "../staff-chat/sandbox/sandbox-staff-chat.js";

/** A card of the sandbox's channel whose conversation is not resolved yet. */
export interface OpenThread {
  conversationId: string;
  thread: ThreadRef;
  /** When it was posted (the handoff), for the time shown beside it. */
  at: Date;
}

/** Where the open cards come from: the database, as Baton draws them now. */
export interface OpenCardSource {
  openThreads(): Promise<OpenThread[]>;
  currentCard(conversationId: string): Promise<HandoffCard | undefined>;
}

/**
 * The page shows what the feed holds, and the feed starts empty when Baton starts: the cards still
 * open are drawn again from the database, with their buttons, so they can be claimed after a
 * restart. Returns how many were drawn.
 */
export async function redrawOpenCards(chat: SandboxStaffChat, source: OpenCardSource): Promise<number> {
  let drawn = 0;
  for (const open of await source.openThreads()) {
    const card = await source.currentCard(open.conversationId);
    if (card && chat.redrawCard(open.thread, card, open.at)) drawn++;
  }
  return drawn;
}
