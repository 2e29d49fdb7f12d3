/**
 * Who owns a conversation, and which moves are legal. Pure: the store applies a move
 * atomically with `allowedFrom`, so two replicas racing on the same click get one winner.
 */
export type ConversationStatus = "ai" | "pending" | "claimed" | "resolved";

export type ConversationAction = "request_handoff" | "claim" | "hand_back" | "resolve";

const MOVES: Record<ConversationAction, { from: readonly ConversationStatus[]; to: ConversationStatus }> = {
  // The AI asks for a person; only while the AI holds the thread.
  request_handoff: { from: ["ai"], to: "pending" },
  // A card stays claimable after a hand-back, so the AI-owned state may be claimed too.
  claim: { from: ["ai", "pending"], to: "claimed" },
  // Someone decides the AI can carry on: from a claim, or from a handoff nobody needs.
  hand_back: { from: ["pending", "claimed"], to: "ai" },
  resolve: { from: ["ai", "pending", "claimed"], to: "resolved" },
};

export type MoveRefusal = "already_claimed" | "already_resolved" | "already_with_ai" | "already_pending";

export type MoveResult = { ok: true; to: ConversationStatus } | { ok: false; refusal: MoveRefusal };

export function allowedFrom(action: ConversationAction): readonly ConversationStatus[] {
  return MOVES[action].from;
}

export function targetOf(action: ConversationAction): ConversationStatus {
  return MOVES[action].to;
}

/** Says where `action` takes a conversation in `status`, or why it may not. */
export function move(status: ConversationStatus, action: ConversationAction): MoveResult {
  const rule = MOVES[action];
  if (rule.from.includes(status)) return { ok: true, to: rule.to };
  return { ok: false, refusal: refusalFor(status) };
}

function refusalFor(status: ConversationStatus): MoveRefusal {
  switch (status) {
    case "claimed":
      return "already_claimed";
    case "resolved":
      return "already_resolved";
    case "ai":
      return "already_with_ai";
    case "pending":
      return "already_pending";
  }
}

/** True when no person owns the thread, so the AI may speak. */
export function aiMaySpeak(status: ConversationStatus): boolean {
  return status === "ai" || status === "pending";
}
