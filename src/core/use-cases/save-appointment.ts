import type { Conversation } from "../conversation/conversation.js";
import { appointmentKindOf, parseTimingAt } from "../follow-up/appointment-intent.js";
import { formatDuration } from "../follow-up/format-duration.js";
import { describeWhen } from "../follow-up/reminder-text.js";
import type { BrainDecision } from "../ports/brain.js";
import type { Appointment, NewAppointment } from "../ports/follow-up-store.js";
import { settingsFor, type PlannerDeps } from "./follow-up-deps.js";
import { crmJobs } from "./crm/crm-jobs.js";

/**
 * Stores an appointment and plans its reminders (by default 24 h and 2 h before). A new time
 * replaces the earlier appointment and its reminders; the same one again changes nothing.
 */
export async function saveAppointment(
  deps: PlannerDeps,
  conversation: Conversation,
  appointment: NewAppointment,
): Promise<Appointment | undefined> {
  const now = deps.clock.now();
  if (appointment.at.getTime() <= now.getTime()) return undefined;
  const jobs = crmJobs(deps, conversation, "appointment.saved", now, {
    appointment: { kind: appointment.kind, at: appointment.at.toISOString(), source: appointment.source },
  });
  const saved = await deps.followUpStore.saveAppointment(appointment, jobs);
  if (!saved.created) return saved.appointment;

  await deps.jobs.cancel(conversation.id, ["appointment_reminder"], now, "appointment changed");
  const settings = settingsFor(deps, conversation.dealershipId);
  const planned: number[] = [];
  for (const leadTimeMs of settings.appointmentRemindersMs) {
    const dueAt = new Date(appointment.at.getTime() - leadTimeMs);
    if (dueAt.getTime() <= now.getTime()) continue; // too close already: that reminder would be noise
    planned.push(leadTimeMs);
    await deps.jobs.schedule({
      type: "appointment_reminder",
      dealershipId: conversation.dealershipId,
      conversationId: conversation.id,
      dueAt,
      payload: { appointmentId: saved.appointment.id, leadTimeMs },
      dedupeKey: `appointment:${saved.appointment.id}:${leadTimeMs}`,
    });
  }
  await deps.store.appendEvent({
    conversationId: conversation.id,
    type: "appointment_set",
    actor: appointment.source,
    data: { kind: appointment.kind, at: appointment.at.toISOString(), replaced: saved.replaced },
    at: now,
  });
  if (conversation.thread) {
    const when = describeWhen(appointment.at, now, deps.rooftops.get(conversation.dealershipId).timezone);
    const reminders = planned.length
      ? `Baton will remind the customer ${planned.map((ms) => formatDuration(ms)).join(" and ")} before.`
      : "It is too close for reminders.";
    await deps.staffChat.postInThread(conversation.thread, {
      kind: "system",
      text: `Appointment noted: ${appointment.kind.replace("_", " ")} ${when}. ${reminders}`,
    });
  }
  return saved.appointment;
}

/** An appointment the AI agreed: an appointment-like intent with a resolved time in the future. */
export async function captureAiAppointment(
  deps: PlannerDeps,
  conversation: Conversation,
  decision: BrainDecision,
): Promise<void> {
  const kind = appointmentKindOf(decision.intent, conversation.department);
  const timezone = deps.rooftops.get(conversation.dealershipId).timezone;
  const at = parseTimingAt(decision.lead.timingAt ?? conversation.lead.timingAt, timezone);
  if (!kind || !at) return;
  await saveAppointment(deps, conversation, {
    conversationId: conversation.id,
    dealershipId: conversation.dealershipId,
    kind,
    at,
    source: "ai",
    note: conversation.lead.timing,
  });
}
