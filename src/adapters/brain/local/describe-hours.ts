import { DateTime } from "luxon";
import type { Knowledge } from "../../../core/knowledge/knowledge.js";
import {
  atClockTime,
  dateName,
  describeDay as nameDay,
  formatClockTime as formatTime,
  weekdayName,
} from "../../../core/language/clock-words.js";
import type { Language } from "../../../core/language/detect-language.js";
import { resolveDay } from "./extract-timing.js";

type DepartmentName = Knowledge["departments"][number]["name"];
type Hours = Knowledge["departments"][number]["hours"];

const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const DAY_LABELS: Record<Language, string[]> = {
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
  es: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
};
/** The department as the subject of a sentence: "Sales is open…" / "El departamento de ventas abre…". */
const LABEL: Record<Language, Record<DepartmentName, string>> = {
  en: { sales: "Sales", service: "Service", parts: "Parts", finance: "Finance" },
  es: {
    sales: "El departamento de ventas",
    service: "El departamento de servicio",
    parts: "El departamento de partes",
    finance: "El departamento de finanzas",
  },
};
/** "Horario de ventas". */
const HOURS_OF: Record<DepartmentName, string> = {
  sales: "ventas",
  service: "servicio",
  parts: "partes",
  finance: "finanzas",
};

function dayRange(days: readonly string[], language: Language): string {
  const labels = DAY_LABELS[language];
  const idx = days.map((d) => DAY_KEYS.indexOf(d as (typeof DAY_KEYS)[number])).sort((a, b) => a - b);
  const consecutive = idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  return consecutive && idx.length > 2
    ? `${labels[idx[0]!]}-${labels[idx.at(-1)!]}`
    : idx.map((i) => labels[i]).join("/");
}

function weekly(department: DepartmentName, hours: Hours, language: Language): string {
  const open = hours.map((h) => `${dayRange(h.days, language)} ${formatTime(h.open)}-${formatTime(h.close)}`);
  const closed = DAY_KEYS.filter((d) => !hours.some((h) => h.days.includes(d)));
  if (language === "es")
    return `Horario de ${HOURS_OF[department]}: ${open.join(", ")}${closed.length ? `; ${dayRange(closed, "es")} cerrado` : ""}.`;
  return `${LABEL.en[department]} hours: ${open.join(", ")}${closed.length ? `, closed ${dayRange(closed, "en")}` : ""}.`;
}

function hoursOn(hours: Hours, day: DateTime): Hours[number] | undefined {
  return hours.find((h) => h.days.includes(DAY_KEYS[day.weekday - 1]!));
}

function holidayOn(knowledge: Knowledge, department: DepartmentName, day: DateTime) {
  const iso = day.toISODate();
  return knowledge.holidays.find(
    (h) => h.date === iso && (h.departments.length === 0 || h.departments.includes(department)),
  );
}

/** A holiday named in the text ("open on Memorial Day?"): the next one of that name. */
function namedHoliday(text: string, knowledge: Knowledge, today: DateTime) {
  const named = knowledge.holidays.filter((h) => text.includes(h.name.toLowerCase().replace(/ day$/, "")));
  const upcoming = named.filter((h) => h.date >= today.toISODate()!).sort((a, b) => a.date.localeCompare(b.date));
  return upcoming[0] ?? named.at(-1);
}

/** One day's hours in a sentence: "Sales is open on Saturday 9 AM-6 PM." / "El departamento de ventas abre el sábado de 9 AM a 6 PM." */
function describeDay(
  knowledge: Knowledge,
  department: DepartmentName,
  day: DateTime,
  now: DateTime,
  language: Language,
  relative = true,
): string {
  const hours = knowledge.departments.find((d) => d.name === department)?.hours ?? [];
  const label = LABEL[language][department];
  const today = relative && day.hasSame(now, "day");
  const named = relative
    ? nameDay(day, now, language)
    : language === "es"
      ? `el ${weekdayName(day, "es")}`
      : weekdayName(day, "en");
  // "on Saturday" in English, "el sábado" in Spanish; today and tomorrow need neither.
  const when = language === "en" && !/^(?:today|tomorrow)$/.test(named) ? `on ${weekdayName(day, "en")}` : named;
  const holiday = holidayOn(knowledge, department, day);
  const slot = hoursOn(hours, day);
  if (language === "es") {
    if (holiday)
      return `${holiday.departments.length === 0 ? "Estamos cerrados" : `${label} está cerrado`} ${when} por ${holiday.name}.`;
    if (!slot) return `${label} está cerrado ${when}.`;
  } else {
    if (holiday)
      return `${holiday.departments.length === 0 ? "We're" : `${label} is`} closed ${when} for ${holiday.name}.`;
    if (!slot) return `${label} is closed ${when}.`;
  }
  const [open, close] = [formatTime(slot.open), formatTime(slot.close)];
  if (today) {
    const [oh, om] = slot.open.split(":").map(Number) as [number, number];
    const [ch, cm] = slot.close.split(":").map(Number) as [number, number];
    const opens = now.set({ hour: oh, minute: om });
    const closes = now.set({ hour: ch, minute: cm });
    if (language === "es") {
      if (now < opens)
        return `${label} abre hoy ${atClockTime(slot.open, "es")} y cierra ${atClockTime(slot.close, "es")}.`;
      if (now < closes)
        return `${label} está abierto ahora, hasta ${atClockTime(slot.close, "es").replace(/^a /, "")} de hoy.`;
      return `${label} ya cerró por hoy (el horario fue de ${open} a ${close}).`;
    }
    if (now < opens) return `${label} opens today at ${open} and closes at ${close}.`;
    if (now < closes) return `${label} is open now, until ${close} today.`;
    return `${label} has closed for today (hours were ${open}-${close}).`;
  }
  return language === "es"
    ? `${label} abre ${when} de ${open} a ${close}.`
    : `${label} is open ${when} ${open}-${close}.`;
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

/** Opening hours from the knowledge, in the customer's language: a day (today, tomorrow, Sunday, a holiday) or the week. */
export function describeHours(
  text: string,
  knowledge: Knowledge,
  now: Date,
  language: Language = "en",
): string | undefined {
  const department = pickDepartment(text, knowledge);
  if (!department || department.hours.length === 0) return undefined;
  const label = LABEL[language][department.name];
  const local = DateTime.fromJSDate(now, { zone: knowledge.timezone });
  const holiday = namedHoliday(text, knowledge, local);
  if (holiday) {
    const closed = holiday.departments.length === 0 || holiday.departments.includes(department.name);
    const day = DateTime.fromISO(holiday.date, { zone: knowledge.timezone });
    if (language === "es") {
      const date = dateName(day, "es");
      if (holiday.departments.length === 0) return `Estamos cerrados por ${holiday.name} (${date}).`;
      return closed
        ? `${label} está cerrado por ${holiday.name} (${date}).`
        : `${label} abre en su horario normal en ${holiday.name} (${date}).`;
    }
    const date = day.toFormat("ccc LLL d");
    if (holiday.departments.length === 0) return `We're closed on ${holiday.name} (${date}).`;
    return closed
      ? `${label} is closed on ${holiday.name} (${date}).`
      : `${label} keeps normal hours on ${holiday.name} (${date}).`;
  }
  if (/\bweekend\b|\bfin de semana\b/.test(text)) {
    const saturday = local.plus({ days: (6 - local.weekday + 7) % 7 });
    return [saturday, saturday.plus({ days: 1 })]
      .map((d) => describeDay(knowledge, department.name, d, local, language, false))
      .join(" ");
  }
  const asksNow =
    /\b(?:now|right now|still open|open today|close today|closing today|tonight|today)\b/.test(text) ||
    /\bwhat time do you close\b|\bhow late\b/.test(text) ||
    /\b(?:ahora|ahorita|hoy|esta noche|todavia (?:estan )?abiertos|siguen abiertos)\b|\ba que hora cierran\b|\bhasta que hora\b/.test(
      text,
    );
  const day = resolveDay(text, knowledge.timezone, now) ?? (asksNow ? local : undefined);
  if (day) return describeDay(knowledge, department.name, day, local, language);
  return weekly(department.name, department.hours, language);
}
