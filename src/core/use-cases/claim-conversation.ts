import type { Conversation } from "../conversation/conversation.js";
import type { Language } from "../language/detect-language.js";
import type { CoreDeps } from "./core-deps.js";
import { refreshCard } from "./refresh-card.js";
import { crmEvent } from "./crm/crm-jobs.js";
import type { StaffActionResult, StaffMember } from "./staff-action.js";

const TEAM_WORD: Record<string, string> = { sales: "sales", service: "service", parts: "parts", finance: "finance" };
const TEAM_WORD_ES: Record<string, string> = {
  sales: "ventas",
  service: "servicio",
  parts: "partes",
  finance: "finanzas",
};

/** What the customer is told when a person takes the thread, in the conversation's language. */
export function claimNotice(repName: string, department: string, language: Language = "en"): string {
  if (language === "es") {
    const equipo = TEAM_WORD_ES[department];
    return `${repName}, de nuestro equipo${equipo ? ` de ${equipo}` : ""}, le escribirá por aquí en breve.`;
  }
  const team = TEAM_WORD[department];
  return `${repName} from our ${team ? `${team} team` : "team"} will text you here shortly.`;
}

export function refusalNotice(conversation: Conversation | undefined, rep: StaffMember): string {
  if (!conversation) return "Baton has no conversation for this card any more.";
  if (conversation.status === "resolved") {
    return "This conversation was resolved. If the customer texts again, Baton opens a new thread and links it to this one.";
  }
  if (conversation.status === "claimed" && conversation.owner) {
    return conversation.owner.id === rep.id
      ? "You already own this conversation."
      : `Already claimed by ${conversation.owner.name}.`;
  }
  if (conversation.status === "ai") return "The AI is already handling this conversation.";
  return "Nobody has claimed this conversation yet.";
}

/** Claim is atomic: two reps clicking at once, exactly one wins and the other is told who. */
export async function claimConversation(
  deps: CoreDeps,
  conversationId: string,
  rep: StaffMember,
): Promise<StaffActionResult> {
  const at = deps.clock.now();
  const won = await deps.store.applyMove({
    conversationId,
    action: "claim",
    at,
    owner: rep,
    jobs: await crmEvent(deps, conversationId, "conversation.claimed", at, { owner: { id: rep.id, name: rep.name } }),
  });
  if (!won) return { ok: false, notice: refusalNotice(await deps.store.getConversation(conversationId), rep) };

  // The card first: it is what the other reps look at, and it now says who has the customer.
  const conversation = (await refreshCard(deps, conversationId))!;
  await deps.store.appendEvent({
    conversationId,
    type: "claimed",
    actor: `rep:${rep.id}`,
    data: { name: rep.name },
    at,
  });
  await deps.followUps?.claimed(conversationId);
  if (conversation.thread) {
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: `${rep.name} claimed this conversation. Replies in this thread from ${rep.name} go to the customer by SMS; start a line with // or note: to keep it internal.`,
    });
  }
  // The customer may have asked for no more texts: no automatic notice, the rep decides.
  if (conversation.handoffReason === "may_opt_out") {
    if (conversation.thread) {
      await deps.staffChat.postInThread(conversation.thread, {
        kind: "warning",
        text: "No claim notice was texted: the customer may want no more texts. Reply only if they do; if they don't, record it with `/baton optout` and the card's link.",
      });
    }
    return { ok: true };
  }
  await deps.gateway.send({
    conversationId,
    body: claimNotice(rep.name, conversation.department, conversation.language),
    author: "system",
    purpose: "claim_notice",
    idempotencyKey: `claim-notice:${conversationId}:${at.getTime()}`,
  });
  return { ok: true };
}
