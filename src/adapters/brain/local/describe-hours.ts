import { DateTime } from "luxon";
import type { Knowledge } from "../../../core/knowledge/knowledge.js";
import { resolveDay } from "./extract-timing.js";

type DepartmentName = Knowledge["departments"][number]["name"];
type Hours = Knowledge["departments"][number]["hours"];

const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LABEL: Record<DepartmentName, string> = { sales: "Sales", service: "Service", parts: "Parts", finance: "Finance" };

/** "07:30" → "7:30 AM", "18:00" → "6 PM". */
function formatTime(hhmm: string): string {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, "0")}` : ""} ${h < 12 ? "AM" : "PM"}`;
}

function dayRange(days: readonly string[]): string {
  const idx = days.map((d) => DAY_KEYS.indexOf(d as (typeof DAY_KEYS)[number])).sort((a, b) => a - b);
  const consecutive = idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  return consecutive && idx.length > 2 ? `${DAY_LABELS[idx[0]!]}-${DAY_LABELS[idx.at(-1)!]}` : idx.map((i) => DAY_LABELS[i]).join("/");
}

function weekly(label: string, hours: Hours): string {
  const open = hours.map((h) => `${dayRange(h.days)} ${formatTime(h.open)}-${formatTime(h.close)}`);
  const closed = DAY_KEYS.filter((d) => !hours.some((h) => h.days.includes(d)));
  return `${label} hours: ${open.join(", ")}${closed.length ? `, closed ${dayRange(closed)}` : ""}.`;
}

function hoursOn(hours: Hours, day: DateTime): Hours[number] | undefined {
  return hours.find((h) => h.days.includes(DAY_KEYS[day.weekday - 1]!));
}

function holidayOn(knowledge: Knowledge, department: DepartmentName, day: DateTime) {
  const iso = day.toISODate();
  return knowledge.holidays.find((h) => h.date === iso && (h.departments.length === 0 || h.departments.includes(department)));
}

/** A holiday named in the text ("open on Memorial Day?"): the next one of that name. */
function namedHoliday(text: string, knowledge: Knowledge, today: DateTime) {
  const named = knowledge.holidays.filter((h) => text.includes(h.name.toLowerCase().replace(/ day$/, "")));
  const upcoming = named.filter((h) => h.date >= today.toISODate()!).sort((a, b) => a.date.localeCompare(b.date));
  return upcoming[0] ?? named.at(-1);
}

function describeDay(label: string, knowledge: Knowledge, department: DepartmentName, day: DateTime, now: DateTime, relative = true): string {
  const hours = knowledge.departments.find((d) => d.name === department)?.hours ?? [];
  const when = !relative ? `on ${day.toFormat("cccc")}` : day.hasSame(now, "day") ? "today" : day.hasSame(now.plus({ days: 1 }), "day") ? "tomorrow" : `on ${day.toFormat("cccc")}`;
  const holiday = holidayOn(knowledge, department, day);
  if (holiday) return `${holiday.departments.length === 0 ? "We're" : `${label} is`} closed ${when} for ${holiday.name}.`;
  const slot = hoursOn(hours, day);
  if (!slot) return `${label} is closed ${when}.`;
  if (when === "today") {
    const [oh, om] = slot.open.split(":").map(Number) as [number, number];
    const [ch, cm] = slot.close.split(":").map(Number) as [number, number];
    const opens = now.set({ hour: oh, minute: om });
    const closes = now.set({ hour: ch, minute: cm });
    if (now < opens) return `${label} opens today at ${formatTime(slot.open)} and closes at ${formatTime(slot.close)}.`;
    if (now < closes) return `${label} is open now, until ${formatTime(slot.close)} today.`;
    return `${label} has closed for today (hours were ${formatTime(slot.open)}-${formatTime(slot.close)}).`;
  }
  return `${label} is open ${when} ${formatTime(slot.open)}-${formatTime(slot.close)}.`;
}

/** Department names as customers write them, English or Spanish ("horario de ventas"). */
const DEPARTMENT_NAMES: Record<DepartmentName, RegExp> = {
  sales: /\bsales\b|\bventas\b|\bshowroom\b/,
  service: /\bservice\b|\bservicio\b|\btaller\b/,
  parts: /\bparts?\b|\bpartes\b|\bpiezas\b|\brefacciones\b|\brepuestos\b/,
  finance: /\bfinance\b|\bfinanzas\b|\bfinanciamiento\b/,
};

/** Which department's hours the text asks about; sales (the showroom) when none is named. */
function pickDepartment(text: string, knowledge: Knowledge) {
  const named = knowledge.departments.find((d) => DEPARTMENT_NAMES[d.name].test(text));
  return named ?? knowledge.departments.find((d) => d.name === "sales") ?? knowledge.departments[0];
}

/** Opening hours from the knowledge: a day (today, tomorrow, Sunday, a holiday) or the week. */
export function describeHours(text: string, knowledge: Knowledge, now: Date): string | undefined {
  const department = pickDepartment(text, knowledge);
  if (!department || department.hours.length === 0) return undefined;
  const label = LABEL[department.name];
  const local = DateTime.fromJSDate(now, { zone: knowledge.timezone });
  const holiday = namedHoliday(text, knowledge, local);
  if (holiday) {
    const closed = holiday.departments.length === 0 || holiday.departments.includes(department.name);
    const date = DateTime.fromISO(holiday.date, { zone: knowledge.timezone }).toFormat("ccc LLL d");
    if (holiday.departments.length === 0) return `We're closed on ${holiday.name} (${date}).`;
    return closed ? `${label} is closed on ${holiday.name} (${date}).` : `${label} keeps normal hours on ${holiday.name} (${date}).`;
  }
  if (/\bweekend\b/.test(text)) {
    const saturday = local.plus({ days: (6 - local.weekday + 7) % 7 });
    return [saturday, saturday.plus({ days: 1 })].map((d) => describeDay(label, knowledge, department.name, d, local, false)).join(" ");
  }
  const asksNow = /\b(?:now|right now|still open|open today|close today|closing today|tonight|today)\b/.test(text) || /\bwhat time do you close\b|\bhow late\b/.test(text);
  const day = resolveDay(text, knowledge.timezone, now) ?? (asksNow ? local : undefined);
  if (day) return describeDay(label, knowledge, department.name, day, local);
  return weekly(label, department.hours);
}
