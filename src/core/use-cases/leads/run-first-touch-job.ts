import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { deferred, done, slotOf } from "../follow-up-jobs/job-outcome.js";
import { FollowUpPlanner } from "../plan-follow-ups.js";
import { sendFirstTouch } from "./send-first-touch.js";

/** A lead's first text that waited for the sending window (or the pace), sent at its slot. */
export function firstTouchHandler(deps: FollowUpDeps): JobHandler<"first_touch"> {
  return async (job) => {
    if (!deps.leadStore) return done("leads are not configured");
    const lead = await deps.leadStore.getLead(job.payload.leadId);
    if (!lead) return done("no lead");
    const followUps = deps.followUps ?? new FollowUpPlanner(deps);
    const result = await sendFirstTouch({ ...deps, followUps, leads: deps.leadStore }, lead, slotOf(job.payload));
    return result.kind === "deferred"
      ? deferred({ outcome: "deferred", until: result.until, reason: "quiet_hours" }, job.payload)
      : done(result.result);
  };
}
