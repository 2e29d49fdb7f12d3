import { DateTime } from "luxon";
import { computeDigest, formatDigest } from "../../follow-up/digest.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import { settingsFor, type FollowUpDeps } from "../follow-up-deps.js";
import { done } from "./job-outcome.js";

/**
 * Plans the next digest of a dealership: today at its digest time if that is still ahead, else
 * tomorrow. The date is in the key, so replicas starting together plan it once.
 */
export async function scheduleNextDigest(deps: FollowUpDeps, dealershipId: string): Promise<void> {
  const minute = settingsFor(deps, dealershipId).digestMinute;
  if (minute === null) return;
  const rooftop = deps.rooftops.get(dealershipId);
  const local = DateTime.fromJSDate(deps.clock.now(), { zone: rooftop.timezone });
  let due = local.startOf("day").set({ hour: Math.floor(minute / 60), minute: minute % 60 });
  if (due <= local) due = due.plus({ days: 1 });
  const day = due.toISODate()!;
  await deps.jobs.schedule({
    type: "digest",
    dealershipId,
    dueAt: due.toJSDate(),
    payload: { day },
    dedupeKey: `digest:${dealershipId}:${day}`,
  });
}

/**
 * The 24 hours since the previous digest (the same local time yesterday, so evenings are not
 * lost between two digests and a daylight-saving night is counted right), posted to the manager
 * channel; then tomorrow's is planned. A digest run late still reports up to its own time.
 */
export function digestHandler(deps: FollowUpDeps): JobHandler<"digest"> {
  return async (job) => {
    const rooftop = deps.rooftops.get(job.dealershipId);
    const day = job.payload.day;
    const to = job.dueAt;
    const from = DateTime.fromJSDate(to, { zone: rooftop.timezone }).minus({ days: 1 }).toJSDate();
    const figures = computeDigest(await deps.followUpStore.loadDigestRows(job.dealershipId, from, to));
    const label = DateTime.fromISO(day, { zone: rooftop.timezone }).toFormat("ccc, LLL d");
    const posted = await deps.staffChat.postToManagers(job.dealershipId, {
      kind: "report",
      text: formatDigest(rooftop.name, label, figures),
    });
    if (!posted)
      deps.logger.warn(
        { dealershipId: job.dealershipId },
        "daily digest not posted: no manager channel is configured (SLACK_MANAGER_CHANNEL)",
      );
    await scheduleNextDigest(deps, job.dealershipId);
    return done(posted ? "posted" : "no manager channel");
  };
}
