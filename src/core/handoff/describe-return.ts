import { DateTime } from "luxon";
import { knownOpeningHours, nextOpenAt } from "../follow-up/business-hours.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { atClockTime, clockOf, describeDay } from "../language/clock-words.js";
import type { Language } from "../language/detect-language.js";
import type { Department } from "../ports/brain.js";

export interface ReturnQuestion {
  knowledge: Knowledge;
  /** Whose hours count: the department the handoff goes to (the showroom's for "general"). */
  department: Department;
  /** Baton's clock. */
  now: Date;
  language: Language;
}

export interface PersonReturn {
  /** When people are back, in the store's time zone. */
  at: Date;
  /** "Our sales team" / "Nuestro equipo de ventas". */
  team: string;
  /** "Monday at 9 AM" / "el lunes a las 9 AM". */
  when: string;
  /** "Our sales team is back Monday at 9 AM and will text you then." */
  sentence: string;
}

const TEAM: Record<Language, Record<Department, string>> = {
  en: {
    sales: "Our sales team",
    service: "Our service team",
    parts: "Our parts team",
    finance: "Our finance team",
    general: "Our team",
  },
  es: {
    sales: "Nuestro equipo de ventas",
    service: "Nuestro equipo de servicio",
    parts: "Nuestro equipo de partes",
    finance: "Nuestro equipo de finanzas",
    general: "Nuestro equipo",
  },
};

/**
 * When a person will really answer a handoff made now: undefined while the department is open
 * (a person answers shortly), or when the knowledge file gives no hours to tell by. Outside
 * hours, the next opening from the department's hours, holidays and the store's time zone:
 * "Our sales team is back Monday at 9 AM and will text you then."
 */
export function describeReturn(q: ReturnQuestion): PersonReturn | undefined {
  const hours = knownOpeningHours(q.knowledge, q.department);
  if (!hours) return undefined;
  const opens = nextOpenAt(q.now, q.knowledge.timezone, hours);
  if (!opens || opens.getTime() <= q.now.getTime()) return undefined;
  const local = DateTime.fromJSDate(opens, { zone: q.knowledge.timezone });
  const today = DateTime.fromJSDate(q.now, { zone: q.knowledge.timezone });
  const at = atClockTime(clockOf(local), q.language);
  // Sunday evening → "Monday at 9 AM": the day by name, which no one misreads after midnight.
  const day = describeDay(local, today, q.language, { tomorrow: false });
  const when = `${day} ${at}`;
  const team = TEAM[q.language][q.department];
  const sentence =
    q.language === "es"
      ? `${team} vuelve ${when} y le escribirá entonces.`
      : `${team} is back ${when} and will text you then.`;
  return { at: opens, team, when, sentence };
}
