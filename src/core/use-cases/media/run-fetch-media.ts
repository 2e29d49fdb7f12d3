import type { JobHandler } from "../../scheduling/job-runner.js";
import type { Conversation, StoredMessage } from "../../conversation/conversation.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { done } from "../follow-up-jobs/job-outcome.js";
import { FETCH_RETRY_MS, fetchInboundMedia } from "./fetch-inbound-media.js";
import { postFilesOrSay } from "./show-customer-media.js";

/**
 * A turn's files, fetched from the provider before its answer (the webhook was answered long ago),
 * so the thread shows each text with its pictures; what the provider does not give now is fetched
 * again by a job, and the text is answered meanwhile.
 */
export async function fetchTurnMedia(deps: FollowUpDeps, texts: StoredMessage[], conversation: Conversation) {
  const ids = texts.filter((t) => t.numMedia > 0).map((t) => t.id);
  if (ids.length === 0 || !deps.media) return;
  try {
    // The customer's answer waits for their pictures, but not for a provider that hangs.
    const report = await fetchInboundMedia(deps, ids, AbortSignal.timeout(deps.media.turnFetchBudgetMs));
    if (report.waiting > 0) await scheduleMediaFetch(deps, conversation, ids);
  } catch (error) {
    // The database failing here fails the answer too; anything else must not cost the customer theirs.
    deps.logger.error({ err: error, conversationId: conversation.id }, "fetching a text's files failed");
    await scheduleMediaFetch(deps, conversation, ids);
  }
}

/** A text's files the provider did not give at first: fetched again by a job, whichever replica takes it. */
export async function scheduleMediaFetch(deps: FollowUpDeps, conversation: Conversation, messageIds: string[]) {
  await deps.jobs.schedule({
    type: "fetch_media",
    dealershipId: conversation.dealershipId,
    conversationId: conversation.id,
    dueAt: new Date(deps.clock.now().getTime() + FETCH_RETRY_MS[0]!),
    payload: { messageIds, tries: 1 },
    dedupeKey: `fetch_media:${messageIds[0]}`,
  });
}

/**
 * Tries the files again; what arrives is shown in the card's thread (a conversation without a card
 * shows them when one is posted). While some are still failing, it comes back later; after the last
 * try the thread says which could not be fetched.
 */
export function fetchMediaHandler(deps: FollowUpDeps): JobHandler<"fetch_media"> {
  return async (job) => {
    const { messageIds, tries } = job.payload;
    const report = await fetchInboundMedia(deps, messageIds);
    const conversation = job.conversationId ? await deps.store.getConversation(job.conversationId) : undefined;
    const thread = conversation?.thread;
    if (thread && deps.media) {
      const files = await Promise.all(report.storedIds.map((id) => deps.media!.store.read(id)));
      const arrived = files.filter((f) => f !== undefined);
      if (arrived.length > 0)
        await postFilesOrSay(deps, thread, { kind: "customer", text: "(arrived late from the SMS provider)" }, arrived);
      if (report.lost.length > 0)
        await deps.staffChat.postInThread(thread, {
          kind: "warning",
          text: `Baton could not show ${report.lost.length > 1 ? `${report.lost.length} files` : "a file"} the customer sent (${report.lost[0]!.why}). Ask them to send it again, or find it in the SMS provider's console.`,
        });
    }
    if (report.waiting === 0) return done(`${report.storedIds.length} file(s) fetched after ${tries + 1} tries`);
    const waitMs = FETCH_RETRY_MS[Math.min(tries, FETCH_RETRY_MS.length - 1)]!;
    return {
      kind: "defer",
      until: new Date(deps.clock.now().getTime() + waitMs),
      payload: { messageIds, tries: tries + 1 },
    };
  };
}
