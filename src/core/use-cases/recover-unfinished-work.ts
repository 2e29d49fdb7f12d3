import type { FollowUpDeps } from "./follow-up-deps.js";

/** A text stored this long ago and never taken is another replica's lost work (beyond the reply window). */
export const FRESH_TEXT_GRACE_MS = 15_000;

export interface RecoveryActions {
  /** Answers a stored text (through the reply window, as a new one would be). */
  answer(messageId: string, conversationId: string): void;
  /** Tries a lead's first text (idempotent by its key). */
  processLead(leadId: string): void;
  /** Runs a piece of work on the process's queue, one at a time under this key. */
  enqueue(key: string, task: () => Promise<void>): void;
  /** Acts on a missed call (its text-back or the owner's line), once: taking it is atomic. */
  processCall?(callSid: string): void;
}

/**
 * Work a crashed replica left half-done, found in the database: at start-up, and on every tick
 * after (a replica that died mid-answer is noticed by the others once its lease runs out, even
 * if nothing restarts). Each item is taken with a lease or an idempotency key, so replicas
 * sweeping together still answer once.
 */
export async function recoverUnfinishedWork(
  deps: FollowUpDeps,
  actions: RecoveryActions,
  options: { atStartUp: boolean; replyCoalesceMs: number },
): Promise<void> {
  const { store, clock, logger, gateway } = deps;
  // Texts stored but never answered. Outside start-up only once they are past the reply window
  // and a grace: a fresh one is still on its way through the replica that stored it.
  // createdAt comes from the clock (the sandbox moves it), so the age does too.
  const receivedBefore = new Date(
    clock.now().getTime() - (options.atStartUp ? 0 : options.replyCoalesceMs + FRESH_TEXT_GRACE_MS),
  );
  for (const id of await store.listUnhandledInbound(receivedBefore, 500)) {
    const message = await store.getMessage(id);
    if (message) actions.answer(id, message.conversationId);
  }
  // Leads whose first text was never tried: tried now, once (idempotency key).
  if (options.atStartUp && deps.leadStore)
    for (const leadId of await deps.leadStore.listPendingFirstTouches(500)) actions.processLead(leadId);
  // Missed calls never acted on (the replica that took the call died): the text-back still goes, once.
  if (deps.calls && actions.processCall)
    for (const callSid of await deps.calls.listUnfinished(receivedBefore, 200)) actions.processCall(callSid);
  // Texts whose send was interrupted: asked about at the provider, never blindly re-sent.
  actions.enqueue("outbox-reconciliation", async () => {
    for (const message of await store.listUnsettledOutbound(new Date(clock.now().getTime() - 60_000), 500)) {
      const outcome = await gateway.reconcile(message);
      if (outcome !== "skipped")
        logger.info({ conversationId: message.conversationId, outcome }, "reconciled an interrupted send");
    }
  });
}
