import type { BrainDecision } from "../../ports/brain.js";
import type { JobStore } from "../../ports/jobs.js";
import type { LeadStore } from "../../ports/lead-store.js";
import type { Conversation } from "../../conversation/conversation.js";
import type { CoreDeps } from "../core-deps.js";

/** The core's ports plus where leads and deferred first texts are kept. */
export interface LeadDeps extends CoreDeps {
  leads: LeadStore;
  jobs: Pick<JobStore, "schedule">;
}

/**
 * A lead's text or handoff told to the follow-up planner as an AI turn, so a first text that
 * asked something is nudged like any question, and a lead card escalates like any handoff.
 */
export function leadTurn(conversation: Conversation, reply: string, reason: string): BrainDecision {
  return {
    department: conversation.department,
    intent: "web_lead",
    disposition: reply ? "follow_up" : "handoff",
    handoffReason: reply ? undefined : "new_lead",
    reason,
    reply,
    lead: {},
    frustration: 0,
    summary: conversation.summary ?? "",
    source: "lead",
  };
}
