import { DateTime } from "luxon";
import type { Department } from "../ports/brain.js";
import type { AppointmentKind } from "../ports/follow-up-store.js";

/**
 * Whether the brain's intent label is about coming in at a time (test_drive, service_booking,
 * schedule_visit…), and which kind. Labels are free snake_case, so this reads their words.
 */
export function appointmentKindOf(intent: string | undefined, department: Department): AppointmentKind | undefined {
  const words = (intent ?? "").toLowerCase();
  if (/test.?drive/.test(words)) return "test_drive";
  if (
    /(service|drop.?off|oil|repair|maintenance|inspection|recall|tire).*(book|appointment|schedul|drop)|^(service_booking|drop_off|service_appointment)$/.test(
      words,
    )
  )
    return "service";
  if (/appointment|booking|schedul|visit/.test(words)) return department === "service" ? "service" : "visit";
  return undefined;
}

/**
 * The lead's `timingAt` (ISO 8601, local to the dealership when it has no offset), if it names a
 * time of day: "2026-03-07" alone ("this weekend") is not an appointment to remind anyone of.
 */
export function parseTimingAt(timingAt: string | undefined, timezone: string): Date | undefined {
  if (!timingAt || !/T\d{2}:\d{2}/.test(timingAt)) return undefined;
  const parsed = DateTime.fromISO(timingAt, { zone: timezone, setZone: false });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}
