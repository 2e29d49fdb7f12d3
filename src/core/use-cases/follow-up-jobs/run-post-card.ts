import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { postNewCard } from "../show-handoff-card.js";
import { done } from "./job-outcome.js";

/** Waits between tries to show a card: soon at first, then every 15 minutes for as long as it takes. */
export const POST_CARD_RETRY_MS = [60_000, 2 * 60_000, 5 * 60_000, 15 * 60_000];

/**
 * A handoff whose card is not recorded a minute after it was raised: the staff chat refused it (an
 * outage, a revoked token), or Baton died between posting it and recording it. Found and linked,
 * or posted again until it is up. It keeps trying, rather than giving up after the runner's usual five attempts,
 * because until it is up nobody can see that the customer is waiting.
 */
export function postCardHandler(deps: FollowUpDeps): JobHandler<"post_card"> {
  return async (job) => {
    const conversation = job.conversationId ? await deps.store.getConversation(job.conversationId) : undefined;
    if (!conversation || conversation.thread) return done("card already shown");
    if (conversation.status === "resolved" || conversation.status === "ai")
      return done("no longer waiting for a person");
    const tries = job.payload.tries;
    let shown: "posted" | "linked";
    try {
      // Planned before the first post: that post may have gone up and only its record been lost.
      shown = await postNewCard(deps, conversation, { lookFirst: true });
    } catch (error) {
      const waitMs = POST_CARD_RETRY_MS[Math.min(tries, POST_CARD_RETRY_MS.length - 1)]!;
      deps.logger.error(
        { err: error, conversationId: conversation.id, tries },
        "the staff chat still refuses this handoff's card; trying again",
      );
      return { kind: "defer", until: new Date(deps.clock.now().getTime() + waitMs), payload: { tries: tries + 1 } };
    }
    await deps.store.appendEvent({
      conversationId: conversation.id,
      type: shown === "linked" ? "card_linked" : "card_posted_late",
      actor: "system",
      data: { tries },
      at: deps.clock.now(),
    });
    await deps.followUps?.handedOff(conversation.id);
    return done(shown === "linked" ? "card found in the channel and linked" : `card posted after ${tries} tries`);
  };
}
