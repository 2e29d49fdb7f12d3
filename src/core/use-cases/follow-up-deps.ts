import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from "../follow-up/settings.js";
import type { FollowUpStore } from "../ports/follow-up-store.js";
import type { JobStore } from "../ports/jobs.js";
import type { LeadStore } from "../ports/lead-store.js";
import type { CoreDeps } from "./core-deps.js";
import type { FollowUpHooks } from "./follow-up-hooks.js";

/** The core's ports plus what scheduled work needs; the planner is always there (NO_FOLLOW_UPS plans nothing). */
export interface FollowUpDeps extends CoreDeps {
  followUps: FollowUpHooks;
  jobs: JobStore;
  followUpStore: FollowUpStore;
  /** A brain decision at or above this frustration is flagged to managers. @default 0.7 */
  frustrationThreshold: number;
  /** Web and ADF leads, for deferred first texts; absent, a first-touch job has nothing to do. */
  leadStore?: LeadStore;
}

export function settingsFor(deps: Pick<CoreDeps, "rooftops">, dealershipId: string): FollowUpSettings {
  return deps.rooftops.get(dealershipId).followUps ?? DEFAULT_FOLLOW_UP_SETTINGS;
}

/** Logs instead of throwing: a follow-up that cannot be planned must not undo the reply already sent. */
export async function safely(deps: Pick<CoreDeps, "logger">, what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    deps.logger.error({ err: error, what }, "planning a follow-up failed");
  }
}

/** What the planner itself is built from: everything but the planner. */
export type PlannerDeps = Omit<FollowUpDeps, "followUps">;
