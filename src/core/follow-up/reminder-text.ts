import { DateTime } from "luxon";
import type { AppointmentKind } from "../ports/follow-up-store.js";
import { greeting, type LeadContext } from "./describe-lead.js";

const KIND_WORDS: Record<AppointmentKind, string> = { test_drive: "test drive", service: "service appointment", visit: "visit" };

/** "today at 3:00 PM", "tomorrow at 9:30 AM", "on Tue, Dec 1 at 3:00 PM", in the dealership's zone. */
export function describeWhen(at: Date, now: Date, timezone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf("day");
  const days = Math.round(local.startOf("day").diff(today, "days").days);
  const time = local.toFormat("h:mm a");
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
  const when = describeWhen(r.at, r.now, r.timezone);
  const what = KIND_WORDS[r.kind];
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
  const rep = r.repName.trim().split(/\s+/)[0] || "your contact";
  const about = r.context.subject ? ` about ${r.context.subject}` : "";
  const ask = r.note?.trim() || "Any questions I can answer, or a good time to talk?";
  return `${greeting(r.context)}it's ${rep} at ${r.dealershipName}, following up${about}. ${ask}`;
}
