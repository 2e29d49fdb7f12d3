import type { Router } from "express";
import { z } from "zod";
import type { SandboxRouteDeps } from "./sandbox-routes.js";
import { readBody as body } from "./sandbox-request.js";

/** At most a week at once; the clock is stepped 5 minutes at a time so due work runs in order. */
const ClockBody = z.object({
  advanceMs: z
    .number()
    .int()
    .min(60_000)
    .max(7 * 86_400_000),
});
const CLOCK_STEP_MS = 5 * 60_000;

/** Where the page's clock stands: the fast clock's time and how far ahead of real time it runs. */
export function clockState(deps: Pick<SandboxRouteDeps, "clock">) {
  return { now: deps.clock.now().toISOString(), offsetMs: deps.clock.offsetMs };
}

export function clockRoutes(router: Router, deps: SandboxRouteDeps): void {
  const { feed, clock, useCases } = deps;
  // The fast clock: move forward in steps, running due work after each, as the cron tick would.
  let moving: Promise<unknown> = Promise.resolve();
  router.post("/sandbox/api/clock", async (req, res) => {
    const move = body(ClockBody, req, res);
    if (!move) return;
    const step = async () => {
      try {
        for (let left = move.advanceMs; left > 0; left -= CLOCK_STEP_MS) {
          clock.advance(Math.min(CLOCK_STEP_MS, left));
          await useCases.runDueWork();
          await useCases.idle();
        }
      } finally {
        // Kept even when due work failed midway: the clock moved, and what it stamped is stored.
        deps.clockMoved?.(clock.offsetMs);
      }
    };
    moving = moving.then(step, step);
    await moving;
    feed.publish({ type: "clock", ...clockState(deps) });
    res.json(clockState(deps));
  });
}
