import type { ThreadRef } from "../../../core/ports/staff-chat.js";
import type { PrismaClient } from "./generated/client.js";

/** A long-used database may hold many; a chat redrawing its cards shows the newest. */
const MAX_OPEN_CARDS = 100;

export interface OpenThread {
  conversationId: string;
  thread: ThreadRef;
  /** When its card went up (the handoff), for the time shown beside it. */
  at: Date;
}

/** The cards on `chat` whose conversation is not resolved, oldest first (the sandbox redraws them after a restart). */
export async function listOpenThreads(prisma: PrismaClient, chat: string): Promise<OpenThread[]> {
  const rows = await prisma.conversation.findMany({
    where: { staffChannel: chat, threadChannel: { not: null }, threadTs: { not: null }, status: { not: "resolved" } },
    select: { id: true, threadChannel: true, threadTs: true, handoffAt: true, createdAt: true },
    orderBy: [{ handoffAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: MAX_OPEN_CARDS,
  });
  return rows.reverse().map((row) => ({
    conversationId: row.id,
    thread: { chat, channel: row.threadChannel!, ts: row.threadTs! },
    at: row.handoffAt ?? row.createdAt,
  }));
}
