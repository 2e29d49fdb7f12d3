import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { deferred, done, slotOf } from "../follow-up-jobs/job-outcome.js";
import { sendFirstTouch } from "./send-first-touch.js";

/** A lead's first text that waited for the sending window (or the pace), sent at its slot. */
export function firstTouchHandler(deps: FollowUpDeps): JobHandler<"first_touch"> {
  return async (job) => {
    if (!deps.leadStore) return done("leads are not configured");
    const lead = await deps.leadStore.getLead(job.payload.leadId);
    if (!lead) return done("no lead");
    const result = await sendFirstTouch({ ...deps, leads: deps.leadStore }, lead, slotOf(job.payload));
    return result.kind === "deferred"
      ? deferred({ outcome: "deferred", until: result.until, reason: "quiet_hours" }, job.payload)
      : done(result.result);
  };
}
