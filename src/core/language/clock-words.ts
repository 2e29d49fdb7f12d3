import type { DateTime } from "luxon";
import type { Language } from "./detect-language.js";

/** "07:30" → "7:30 AM", "18:00" → "6 PM": how a customer reads a time, in either language. */
export function formatClockTime(hhmm: string): string {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, "0")}` : ""} ${h < 12 ? "AM" : "PM"}`;
}

/** "at 9 AM" / "a las 9 AM" ("a la 1 PM": one o'clock is singular in Spanish). */
export function atClockTime(hhmm: string, language: Language): string {
  const time = formatClockTime(hhmm);
  if (language === "en") return `at ${time}`;
  return `${/^1(?::| )/.test(time) ? "a la" : "a las"} ${time}`;
}

/** The local time of a moment as "HH:MM". */
export function clockOf(local: DateTime): string {
  return local.toFormat("HH:mm");
}

const WEEKDAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];
const MONTHS_ES = [
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
];

/** "Monday" / "lunes" (written out here so the words never depend on the machine's locale data). */
export function weekdayName(local: DateTime, language: Language): string {
  return language === "en" ? local.toFormat("cccc") : WEEKDAYS_ES[local.weekday - 1]!;
}

/** "Monday, Jan 4" / "lunes 4 de enero". */
export function dateName(local: DateTime, language: Language): string {
  if (language === "en") return local.toFormat("cccc, LLL d");
  return `${weekdayName(local, "es")} ${local.day} de ${MONTHS_ES[local.month - 1]}`;
}

/**
 * A day relative to today, as a customer says it: "today" / "hoy", "tomorrow" / "mañana",
 * "on Friday" / "el viernes", and with the date beyond the coming week.
 */
export function describeDay(
  local: DateTime,
  now: DateTime,
  language: Language,
  options: { tomorrow?: boolean } = {},
): string {
  const days = Math.round(local.startOf("day").diff(now.startOf("day"), "days").days);
  const es = language === "es";
  if (days === 0) return es ? "hoy" : "today";
  if (days === 1 && options.tomorrow !== false) return es ? "mañana" : "tomorrow";
  if (days > 0 && days < 7) return es ? `el ${weekdayName(local, "es")}` : weekdayName(local, "en");
  return es ? `el ${dateName(local, "es")}` : dateName(local, "en");
}
