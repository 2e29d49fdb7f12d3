import type { Conversation } from "../conversation/conversation.js";
import type { CoreDeps } from "./core-deps.js";
import { refreshCard } from "./refresh-card.js";
import type { StaffActionResult, StaffMember } from "./staff-action.js";

const TEAM_WORD: Record<string, string> = { sales: "sales", service: "service", parts: "parts", finance: "finance" };

export function claimNotice(repName: string, department: string): string {
  const team = TEAM_WORD[department];
  return `${repName} from our ${team ? `${team} team` : "team"} will text you here shortly.`;
}

export function refusalNotice(conversation: Conversation | undefined, rep: StaffMember): string {
  if (!conversation) return "Baton has no conversation for this card any more.";
  if (conversation.status === "resolved") {
    return "This conversation was resolved. If the customer texts again, Baton opens a new thread and links it to this one.";
  }
  if (conversation.status === "claimed" && conversation.owner) {
    return conversation.owner.id === rep.id ? "You already own this conversation." : `Already claimed by ${conversation.owner.name}.`;
  }
  if (conversation.status === "ai") return "The AI is already handling this conversation.";
  return "Nobody has claimed this conversation yet.";
}

/** Claim is atomic: two reps clicking at once, exactly one wins and the other is told who. */
export async function claimConversation(deps: CoreDeps, conversationId: string, rep: StaffMember): Promise<StaffActionResult> {
  const at = deps.clock.now();
  const won = await deps.store.applyMove({ conversationId, action: "claim", at, owner: rep });
  if (!won) return { ok: false, notice: refusalNotice(await deps.store.getConversation(conversationId), rep) };

  // The card first: it is what the other reps look at, and it now says who has the customer.
  const conversation = (await refreshCard(deps, conversationId))!;
  await deps.store.appendEvent({ conversationId, type: "claimed", actor: `rep:${rep.id}`, data: { name: rep.name }, at });
  await deps.followUps?.claimed(conversationId);
  if (conversation.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: `${rep.name} claimed this conversation. Replies in this thread from ${rep.name} go to the customer by SMS; start a line with // or note: to keep it internal.`,
    });
  }
  await deps.gateway.send({
    conversationId,
    body: claimNotice(rep.name, conversation.department),
    author: "system",
    purpose: "claim_notice",
    idempotencyKey: `claim-notice:${conversationId}:${at.getTime()}`,
  });
  return { ok: true };
}
