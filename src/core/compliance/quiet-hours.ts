import { DateTime } from "luxon";
import type { SendingWindow } from "../follow-up/settings.js";

/**
 * TCPA quiet hours: automated texts only between the window's start and end, in the
 * dealership's own time zone (not the server's, not UTC). Luxon carries the zone rules,
 * so a daylight-saving change moves the window's UTC instants with it.
 */
function localMinute(at: DateTime): number {
  return at.hour * 60 + at.minute;
}

/** True when `now` falls inside the window, local time in `timezone`. */
export function isInsideSendingWindow(now: Date, timezone: string, window: SendingWindow): boolean {
  const minute = localMinute(DateTime.fromJSDate(now, { zone: timezone }));
  return minute >= window.startMinute && minute < window.endMinute;
}

/** The window's start at `minute` on the local day of `day`. */
function atLocalMinute(day: DateTime, minute: number): DateTime {
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });
}

/**
 * When the window next opens: `now` itself when inside it, today's start before it,
 * tomorrow's start after it. Tomorrow is a calendar day, so a 23- or 25-hour day is right.
 */
export function nextSendingTime(now: Date, timezone: string, window: SendingWindow): Date {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const minute = localMinute(local);
  if (minute >= window.startMinute && minute < window.endMinute) return now;
  const day = minute < window.startMinute ? local : local.plus({ days: 1 });
  return atLocalMinute(day, window.startMinute).toJSDate();
}
