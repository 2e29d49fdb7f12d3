import { isInsideSendingWindow, nextSendingTime } from "../compliance/quiet-hours.js";
import { DEFAULT_FOLLOW_UP_SETTINGS } from "../follow-up/settings.js";
import type { Clock } from "../ports/clock.js";
import type { JobStore } from "../ports/jobs.js";
import type { RooftopDirectory } from "../ports/rooftops.js";

export interface SendHold {
  until: Date;
  reason: "quiet_hours" | "pace";
}

export interface SendPacingDeps {
  jobs: Pick<JobStore, "reserveSendSlot">;
  clock: Clock;
  rooftops: RooftopDirectory;
}

/**
 * Quiet hours and pace for automated texts. Outside the dealership's window a text is held
 * until the window opens; every automated text takes the dealership's next sending slot, so
 * a backlog released at 08:00 leaves at the configured rate instead of in one burst.
 * Slots live in the database, so all replicas share one pace.
 */
export class SendPacing {
  constructor(private readonly deps: SendPacingDeps) {}

  /**
   * Undefined: send now. Otherwise the instant to try again, which is a slot already taken for
   * this text: pass it back as `slotAt` and it goes without queueing a second time.
   */
  async hold(dealershipId: string, slotAt?: Date): Promise<SendHold | undefined> {
    const rooftop = this.deps.rooftops.get(dealershipId);
    const settings = rooftop.followUps ?? DEFAULT_FOLLOW_UP_SETTINGS;
    const now = this.deps.clock.now();
    const spacingMs = 60_000 / settings.smsRatePerMinute;

    // TCPA: 08:00–21:00 (or the dealership's window), in the dealership's own time zone.
    if (!isInsideSendingWindow(now, rooftop.timezone, settings.sendingWindow)) {
      const opens = nextSendingTime(now, rooftop.timezone, settings.sendingWindow);
      return { until: await this.deps.jobs.reserveSendSlot(dealershipId, opens, spacingMs), reason: "quiet_hours" };
    }
    if (slotAt && slotAt.getTime() <= now.getTime()) return undefined;
    const slot = await this.deps.jobs.reserveSendSlot(dealershipId, now, spacingMs);
    return slot.getTime() <= now.getTime() ? undefined : { until: slot, reason: "pace" };
  }
}
