/** Waits between tries of a CRM delivery: soon at first (a blip), then hours (an outage). */
const CRM_RETRY_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000, 60 * 60_000, 2 * 3600_000, 4 * 3600_000];

/** A delivery is tried for this long after its event, then given up on and told to managers. */
export const CRM_GIVE_UP_AFTER_MS = 24 * 3600_000;

/**
 * When to try a failing delivery again (`tries` so far), or undefined once its 24 hours are
 * spent. The last try lands on the deadline itself rather than past it.
 */
export function nextCrmTry(occurredAt: Date, tries: number, now: Date): Date | undefined {
  const deadline = occurredAt.getTime() + CRM_GIVE_UP_AFTER_MS;
  if (now.getTime() >= deadline) return undefined;
  const wait = CRM_RETRY_MS[Math.min(tries - 1, CRM_RETRY_MS.length - 1)]!;
  return new Date(Math.min(now.getTime() + wait, deadline));
}
