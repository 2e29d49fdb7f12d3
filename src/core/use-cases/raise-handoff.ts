import type { HandoffReason } from "../ports/brain.js";
import type { CoreDeps } from "./core-deps.js";
import { showHandoffCard } from "./show-handoff-card.js";

export interface HandoffRequest {
  handoffReason?: HandoffReason;
  /** One line a rep can read: why a person is needed. */
  why: string;
  /** Who decided: `ai:<brain>`, `system`… */
  actor: string;
}

/**
 * Moves a conversation the AI holds to "a person is needed", records why, shows the card and
 * starts the escalation clock. False when it was not with the AI (someone beat us to it).
 */
export async function raiseHandoff(deps: CoreDeps, conversationId: string, request: HandoffRequest): Promise<boolean> {
  const at = deps.clock.now();
  const moved = await deps.store.applyMove({
    conversationId,
    action: "request_handoff",
    at,
    handoffReason: request.handoffReason,
  });
  if (!moved) return false;
  await deps.store.appendEvent({
    conversationId,
    type: "handoff_requested",
    actor: request.actor,
    data: { reason: request.handoffReason, why: request.why },
    at,
  });
  // Handed back earlier: the same card and thread carry on.
  await showHandoffCard(deps, conversationId, (card) => `A person is needed again: ${card.reasonText}.`);
  return true;
}
