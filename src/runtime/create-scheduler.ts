import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { JobRunner, type TickResult } from "../core/scheduling/job-runner.js";
import { createJobHandlers } from "../core/use-cases/follow-up-jobs/job-handlers.js";
import { scheduleNextDigest } from "../core/use-cases/follow-up-jobs/run-digest.js";
import type { FollowUpDeps } from "../core/use-cases/follow-up-deps.js";
import { handleStaffCommand, type StaffCommandRequest } from "../core/use-cases/handle-staff-command.js";
import { FollowUpPlanner } from "../core/use-cases/plan-follow-ups.js";

export interface Scheduler {
  /** What the conversation use cases call to plan and cancel follow-ups (CoreDeps.followUps). */
  planner: FollowUpPlanner;
  /** Runs everything due now; the cron adapter calls it, tests call it after moving the clock. */
  tick(): Promise<TickResult>;
  /** Plans each rooftop's next digest (idempotent across replicas). */
  planDigests(dealershipIds: string[]): Promise<void>;
  staffCommand(request: StaffCommandRequest): Promise<string>;
}

/** The follow-up planner and the job runner over one set of ports. */
export function createScheduler(deps: FollowUpDeps, options: { workerId?: string } = {}): Scheduler {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const planner = new FollowUpPlanner(deps);
  // Jobs that raise a handoff (a text that never got through) plan its escalations like an AI turn does.
  deps.followUps ??= planner;
  const runner = new JobRunner(
    { jobs: deps.jobs, clock: deps.clock, logger: deps.logger, handlers: createJobHandlers(deps) },
    { workerId },
  );
  return {
    planner,
    tick: () => runner.tick(),
    async planDigests(dealershipIds) {
      for (const id of dealershipIds) await scheduleNextDigest(deps, id);
    },
    staffCommand: (request) => handleStaffCommand(deps, request),
  };
}
