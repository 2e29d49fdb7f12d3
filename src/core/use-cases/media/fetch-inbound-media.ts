import { checkMedia, INBOUND_MAX_BYTES, safeFileName } from "../../media/media-rules.js";
import { MediaFetchError } from "../../ports/media.js";
import type { CoreDeps } from "../core-deps.js";

/** Waits before each later try of a fetch that failed for now; after the last, people are told it failed. */
export const FETCH_RETRY_MS = [20_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

export interface FetchReport {
  /** Files stored by this call. */
  storedIds: string[];
  /** Files still at the provider, to be tried again by a `fetch_media` job. */
  waiting: number;
  /** Files this call gave up on (refused, or failed for the last time), with why: the thread says so. */
  lost: { id: string; why: string }[];
}

/**
 * Brings a text's files from the provider into the database, after the webhook was answered: each
 * is checked (type, size, contents), stored, then deleted at the provider. A file refused by the
 * checks is never tried again, and stays at the provider; a failed fetch is tried again by a
 * `fetch_media` job, and the text is answered meanwhile. A file another replica stored first is left alone.
 */
export async function fetchInboundMedia(
  deps: CoreDeps,
  messageIds: string[],
  /** Ends fetches still running (a turn's time budget): those files are tried again later. */
  signal?: AbortSignal,
): Promise<FetchReport> {
  const media = deps.media;
  const report: FetchReport = { storedIds: [], waiting: 0, lost: [] };
  if (!media) return report;
  const pending = await media.store.pendingOf(messageIds);
  // A few at a time: ten photos of a trade-in are not ten round trips one after another before the answer.
  for (let i = 0; i < pending.length; i += PARALLEL_FETCHES) {
    const batch = pending.slice(i, i + PARALLEL_FETCHES);
    const outcomes = await Promise.all(batch.map((file) => fetchOne(deps, file, signal)));
    for (const [j, outcome] of outcomes.entries()) {
      const id = batch[j]!.id;
      if (outcome.kind === "stored") report.storedIds.push(id);
      if (outcome.kind === "waiting") report.waiting += 1;
      if (outcome.kind === "lost") report.lost.push({ id, why: outcome.why });
    }
  }
  return report;
}

type FetchOutcome = { kind: "stored" | "waiting" | "taken" } | { kind: "lost"; why: string };
const PARALLEL_FETCHES = 4;

async function fetchOne(
  deps: CoreDeps,
  file: { id: string; messageId: string; providerUrl: string; attempts: number },
  signal?: AbortSignal,
): Promise<FetchOutcome> {
  const media = deps.media!;
  const log = { mediaId: file.id, messageId: file.messageId };
  if (!media.source) {
    const why = "this Baton has no SMS provider to fetch files from";
    await media.store.markUnfetched(file.id, "failed", why);
    return { kind: "lost", why };
  }
  let fetched: { contentType: string; bytes: Uint8Array };
  try {
    fetched = await media.source.fetch(file.providerUrl, INBOUND_MAX_BYTES, signal);
  } catch (error) {
    const permanent = error instanceof MediaFetchError && error.permanent;
    const why = error instanceof Error ? error.message : String(error);
    const lastTry = file.attempts + 1 > FETCH_RETRY_MS.length;
    deps.logger.warn(
      { ...log, err: error, attempt: file.attempts + 1, permanent },
      "fetching a customer's file failed",
    );
    await media.store.markUnfetched(file.id, permanent ? "refused" : lastTry ? "failed" : "pending", why);
    return permanent || lastTry ? { kind: "lost", why } : { kind: "waiting" };
  }
  const verdict = checkMedia(fetched.contentType, fetched.bytes, INBOUND_MAX_BYTES);
  if (!verdict.ok) {
    deps.logger.info({ ...log, why: verdict.why }, "a customer's file was refused");
    // Left at the provider: the only copy of what Baton will not show (a video, say) stays in its console.
    await media.store.markUnfetched(file.id, "refused", verdict.why);
    return { kind: "lost", why: verdict.why };
  }
  const stored = await media.store.storeFetched(file.id, {
    contentType: verdict.contentType,
    fileName: safeFileName(undefined, verdict.contentType, `customer-${file.id.slice(0, 8)}`),
    bytes: fetched.bytes,
    at: deps.clock.now(),
  });
  if (!stored) return { kind: "taken" }; // another replica stored it first, and deletes it
  await deleteAtProvider(deps, file.providerUrl, log);
  return { kind: "stored" };
}

/** Once Baton has the file, the provider's copy goes (MEDIA_DELETE_AT_PROVIDER); a failure is logged, not retried. */
async function deleteAtProvider(deps: CoreDeps, url: string, log: Record<string, string>): Promise<void> {
  const media = deps.media!;
  if (!media.deleteAtProvider || !media.source) return;
  try {
    await media.source.delete(url);
  } catch (error) {
    deps.logger.warn({ ...log, err: error }, "could not delete a customer's file at the SMS provider; it stays there");
  }
}
