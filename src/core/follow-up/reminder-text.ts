import { DateTime } from "luxon";
import { measureSms } from "../compliance/sms-segments.js";
import { describeDay } from "../language/clock-words.js";
import type { Language } from "../language/detect-language.js";
import type { AppointmentKind } from "../ports/follow-up-store.js";
import { greeting, type LeadContext } from "./describe-lead.js";

const KIND_WORDS: Record<Language, Record<AppointmentKind, string>> = {
  en: { test_drive: "test drive", service: "service appointment", visit: "visit" },
  // All feminine, so "cambiarla" fits each.
  es: { test_drive: "prueba de manejo", service: "cita de servicio", visit: "visita" },
};

/**
 * "today at 3:00 PM", "tomorrow at 9:30 AM", "on Tue, Dec 1 at 3:00 PM", in the dealership's zone;
 * in Spanish "hoy a las 3:00 PM", "el martes a la 1:00 PM".
 */
export function describeWhen(at: Date, now: Date, timezone: string, language: Language = "en"): string {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf("day");
  const days = Math.round(local.startOf("day").diff(today, "days").days);
  const time = local.toFormat("h:mm a");
  if (language === "es")
    return `${describeDay(local, today, "es")} ${local.hour % 12 === 1 ? "a la" : "a las"} ${time}`;
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `on ${local.toFormat("ccc, LLL d")} at ${time}`;
}

export interface ReminderInput {
  kind: AppointmentKind;
  at: Date;
  now: Date;
  timezone: string;
  dealershipName: string;
  address?: string;
  context: LeadContext;
  /** How long before the appointment this reminder was planned for. */
  leadTimeMs: number;
}

/** A day ahead: a reminder with the address; hours ahead: a short "see you soon". */
export function writeAppointmentReminder(r: ReminderInput): string {
  const language = r.context.language ?? "en";
  const when = describeWhen(r.at, r.now, r.timezone, language);
  const what = KIND_WORDS[language][r.kind];
  if (language === "es") {
    // "Responda a este mensaje" (not "aquí"): the fewer accents, the more often it stays GSM-7.
    const donde = r.address ? ` Estamos en ${r.address}.` : "";
    const [reminder, closing] =
      r.leadTimeMs >= 12 * 3_600_000
        ? [
            `${greeting(r.context)}le recordamos su ${what} en ${r.dealershipName} ${when}.${donde}`,
            " Responda a este mensaje si necesita cambiarla.",
          ]
        : [
            `${greeting(r.context)}le esperamos ${when} para su ${what} en ${r.dealershipName}.${donde}`,
            " Responda a este mensaje si necesita cambiar algo.",
          ];
    // An accent anywhere (a name, "sábado") makes it UCS-2: 134 characters in two segments. The
    // customer can answer a text anyway, so the closing line goes before a third segment does.
    return measureSms(reminder + closing).segments <= 2 ? reminder + closing : reminder;
  }
  const where = r.address ? ` We're at ${r.address}.` : "";
  if (r.leadTimeMs >= 12 * 3_600_000) {
    return `${greeting(r.context)}a reminder of your ${what} at ${r.dealershipName} ${when}.${where} Reply here if you need to change it.`;
  }
  return `${greeting(r.context)}see you ${when} for your ${what} at ${r.dealershipName}.${where} Reply here if anything changes.`;
}

export interface RepFollowUpInput {
  repName: string;
  dealershipName: string;
  context: LeadContext;
  /** The rep's own words for the customer, when they gave some. */
  note?: string;
}

/** The follow-up a rep asked for: in their name, about what the customer came for. */
export function writeRepFollowUp(r: RepFollowUpInput): string {
  if (r.context.language === "es") {
    const rep = r.repName.trim().split(/\s+/)[0] || "su contacto";
    const sobre = r.context.subject ? ` sobre ${r.context.subject}` : "";
    const pregunta = r.note?.trim() || "¿Tiene alguna pregunta, o cuándo le queda bien que hablemos?";
    return `${greeting(r.context)}le saluda ${rep} de ${r.dealershipName}, para darle seguimiento${sobre}. ${pregunta}`;
  }
  const rep = r.repName.trim().split(/\s+/)[0] || "your contact";
  const about = r.context.subject ? ` about ${r.context.subject}` : "";
  const ask = r.note?.trim() || "Any questions I can answer, or a good time to talk?";
  return `${greeting(r.context)}it's ${rep} at ${r.dealershipName}, following up${about}. ${ask}`;
}
