import { DateTime } from "luxon";
import type { Knowledge } from "../knowledge/knowledge.js";
import type { Department } from "../ports/brain.js";
import type { SendingWindow } from "./settings.js";

/** Open intervals of one local day, as [start, end) minutes after midnight. */
export type OpeningHours = (day: DateTime) => [number, number][];

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When people are there to claim a handoff: the department's hours from the knowledge file
 * (the showroom's for "general"), closed on its holidays; without hours, the sending window.
 */
export function openingHoursFor(knowledge: Knowledge, department: Department, window: SendingWindow): OpeningHours {
  return knownOpeningHours(knowledge, department) ?? (() => [[window.startMinute, window.endMinute]]);
}

/** The department's hours as the knowledge file gives them (the showroom's for "general"), or undefined when it gives none. */
export function knownOpeningHours(knowledge: Knowledge, department: Department): OpeningHours | undefined {
  const entry =
    knowledge.departments.find((d) => d.name === department && d.hours.length > 0) ??
    knowledge.departments.find((d) => d.name === "sales" && d.hours.length > 0);
  if (!entry) return undefined;
  return (day) => {
    const date = day.toISODate();
    const closed = knowledge.holidays.some(
      (h) => h.date === date && (h.departments.length === 0 || h.departments.includes(entry.name)),
    );
    if (closed) return [];
    const weekday = WEEKDAYS[day.weekday - 1]!;
    return entry.hours
      .filter((h) => h.days.includes(weekday))
      .map((h): [number, number] => [toMinute(h.open), toMinute(h.close)])
      .filter(([open, close]) => open < close);
  };
}

/** Absolute instants of each open interval, day by day from `from`'s local day, for two weeks at most. */
function* openIntervals(from: Date, timezone: string, hours: OpeningHours): Generator<[number, number]> {
  let day = DateTime.fromJSDate(from, { zone: timezone }).startOf("day");
  for (let i = 0; i < 15; i++, day = day.plus({ days: 1 })) {
    for (const [open, close] of hours(day).sort((a, b) => a[0] - b[0])) {
      const start = day.set({ hour: Math.floor(open / 60), minute: open % 60 }).toMillis();
      const end =
        close >= 24 * 60
          ? day.plus({ days: 1 }).toMillis()
          : day.set({ hour: Math.floor(close / 60), minute: close % 60 }).toMillis();
      yield [start, end];
    }
  }
}

/**
 * The instant by which `ms` of business time has passed since `start`: a handoff at 20:58
 * with a 5-minute target and a 21:00 close is due at 08:03 the next open morning.
 * With no opening hours in sight it falls back to wall time, so nothing waits forever.
 */
export function addBusinessTime(start: Date, ms: number, timezone: string, hours: OpeningHours): Date {
  let left = ms;
  for (const [open, close] of openIntervals(start, timezone, hours)) {
    const from = Math.max(open, start.getTime());
    if (from >= close) continue;
    if (close - from >= left) return new Date(from + left);
    left -= close - from;
  }
  return new Date(start.getTime() + ms);
}

/**
 * When people are next there: `at` itself when the hours are open then, else the start of the
 * next open interval (Sunday 7 PM → Monday 9:00), or undefined with none in the next two weeks.
 */
export function nextOpenAt(at: Date, timezone: string, hours: OpeningHours): Date | undefined {
  for (const [open, close] of openIntervals(at, timezone, hours)) {
    if (close <= at.getTime()) continue;
    return new Date(Math.max(open, at.getTime()));
  }
  return undefined;
}

/** Business time between two instants (for "waited 5m of business time"). */
export function businessTimeBetween(from: Date, to: Date, timezone: string, hours: OpeningHours): number {
  let total = 0;
  for (const [open, close] of openIntervals(from, timezone, hours)) {
    if (open >= to.getTime()) break;
    total += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
  }
  return total;
}
