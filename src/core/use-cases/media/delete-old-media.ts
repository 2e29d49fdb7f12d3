import type { CoreDeps } from "../core-deps.js";

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
const BATCH = 500;

/**
 * The scheduler's media retention: files older than MEDIA_RETENTION_DAYS are deleted, at most once
 * an hour per process (replicas doing it twice delete nothing twice), in batches so a first run
 * after months deletes everything without one long statement.
 */
export function mediaRetention(deps: CoreDeps): () => Promise<number> {
  let lastRunAt = Number.NEGATIVE_INFINITY;
  return async () => {
    const media = deps.media;
    const now = deps.clock.now().getTime();
    if (!media || now - lastRunAt < HOUR_MS) return 0;
    lastRunAt = now;
    const cutoff = new Date(now - media.retentionDays * DAY_MS);
    let deleted = 0;
    for (let batch = BATCH; batch === BATCH; deleted += batch) batch = await media.store.deleteOlderThan(cutoff, BATCH);
    if (deleted > 0)
      deps.logger.info({ deleted, retentionDays: media.retentionDays }, "deleted files past their retention");
    return deleted;
  };
}
