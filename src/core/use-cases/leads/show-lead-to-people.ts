import { crmJobs } from "../crm/crm-jobs.js";
import { describeFirstTouch, describeLeadSource } from "../../leads/describe-lead-source.js";
import type { StoredLead } from "../../ports/lead-store.js";
import { drawCard } from "../read-card.js";
import { showHandoffCard } from "../show-handoff-card.js";
import { leadTurn, type LeadDeps } from "./lead-deps.js";

/** "Another lead came in (Website form): 2025 Toyota Tacoma… Comments: …. Not texted: …" */
export function describeLeadForThread(lead: StoredLead, headline: string): string {
  const view = describeLeadSource({
    channel: lead.channel,
    provider: lead.providerName,
    vendor: lead.vendorName,
    vehicle: lead.vehicle,
    comments: lead.comments,
    receivedAt: lead.receivedAt,
    smsConsent: lead.smsConsent,
    firstTouch: lead.firstTouch,
    firstTouchAt: lead.firstTouchAt,
    leadCount: 1,
  });
  const parts = [
    `${headline} (${view.origin})`,
    view.vehicle,
    view.comments ? `Comments: "${view.comments.replace(/\s+/g, " ").slice(0, 500)}"` : undefined,
  ];
  return `${parts.filter(Boolean).join(" · ")}. ${describeFirstTouch(lead)}`;
}

/**
 * A lead Baton does not text (no consent, no mobile number, opted out, the text failed) goes to
 * the handoff channel for a person to call or e-mail: a card with Claim, or a note on the card
 * the conversation already has. Escalates like any handoff when nobody claims it.
 */
export async function showLeadToPeople(deps: LeadDeps, conversationId: string, note: string): Promise<void> {
  const { store, clock } = deps;
  const at = clock.now();
  const before = await store.getConversation(conversationId);
  if (!before) return;
  const moved =
    before.status === "ai" &&
    (await store.applyMove({
      conversationId,
      action: "request_handoff",
      at,
      handoffReason: "new_lead",
      jobs: crmJobs(deps, before, "handoff.requested", at, { reason: "new_lead", why: note }),
    }));
  if (moved)
    await store.appendEvent({
      conversationId,
      type: "handoff_requested",
      actor: "system:lead",
      data: { reason: "new_lead", why: note },
      at,
    });

  await showHandoffCard(deps, conversationId, () => note);
  if (moved)
    await deps.followUps?.afterAiTurn({ conversationId, decision: leadTurn(before, "", note), handedOff: true });
}

/** Notes a later lead in the card's thread (and redraws the card) when the conversation has one. */
export async function noteLeadInThread(deps: LeadDeps, lead: StoredLead, headline: string): Promise<void> {
  const conversation = lead.conversationId ? await deps.store.getConversation(lead.conversationId) : undefined;
  if (!conversation?.thread) return;
  await deps.staffChat.updateCard(conversation.thread, await drawCard(deps, conversation));
  await deps.staffChat.postInThread(conversation.thread, {
    kind: "system",
    text: describeLeadForThread(lead, headline),
  });
}
