import type { Clock } from "../ports/clock.js";

/**
 * Calls `wake` once `clock` reads `at` or later: through the clock itself when it can (a manual
 * clock fires on its moves), else on a real timer, checked against the clock when it fires (the
 * sandbox's fast clock may have moved meanwhile). Returns a function that cancels it.
 */
export function wakeAt(clock: Clock, at: Date, wake: () => void): () => void {
  if (clock.wakeAt) return clock.wakeAt(at, wake);
  let timer: NodeJS.Timeout | undefined;
  // Never calls back before returning, even when already due: the caller first keeps the cancel.
  const arm = () => {
    // A pending wake-up never keeps the process alive: shutdown leaves its texts to recovery.
    timer = setTimeout(
      () => (clock.now().getTime() >= at.getTime() ? wake() : arm()),
      Math.max(0, at.getTime() - clock.now().getTime()),
    ).unref();
  };
  arm();
  return () => clearTimeout(timer);
}
