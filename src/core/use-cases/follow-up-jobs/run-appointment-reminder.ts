import { describeLead } from "../../follow-up/describe-lead.js";
import { writeAppointmentReminder } from "../../follow-up/reminder-text.js";
import type { JobHandler } from "../../scheduling/job-runner.js";
import type { FollowUpDeps } from "../follow-up-deps.js";
import { deferred, done, slotOf } from "./job-outcome.js";

/**
 * A reminder before an agreed appointment, with the address. It goes after the handoff too
 * (the customer agreed to it), but never after the appointment: quiet hours can push it late.
 */
export function appointmentReminderHandler(deps: FollowUpDeps): JobHandler<"appointment_reminder"> {
  return async (job) => {
    const appointment = await deps.followUpStore.getAppointment(job.payload.appointmentId);
    if (!appointment || appointment.status !== "scheduled") return done("appointment changed");
    const now = deps.clock.now();
    if (now.getTime() >= appointment.at.getTime()) return done("appointment already started");
    const conversation = await deps.store.getConversation(appointment.conversationId);
    if (!conversation) return done("no conversation");

    const rooftop = deps.rooftops.get(conversation.dealershipId);
    const body = writeAppointmentReminder({
      kind: appointment.kind,
      at: appointment.at,
      now,
      timezone: rooftop.timezone,
      dealershipName: rooftop.name,
      address: rooftop.knowledge.address,
      context: describeLead(
        conversation.lead,
        conversation.department,
        conversation.customer.name,
        conversation.language,
      ),
      leadTimeMs: job.payload.leadTimeMs,
    });
    const result = await deps.gateway.sendScheduled({
      conversationId: conversation.id,
      body,
      author: "ai",
      purpose: "appointment_reminder",
      idempotencyKey: `appointment-reminder:${job.id}`,
      slotAt: slotOf(job.payload),
    });
    if (result.outcome === "deferred") {
      return result.until.getTime() >= appointment.at.getTime()
        ? done("quiet hours last past the appointment")
        : deferred(result, job.payload);
    }
    if (result.outcome === "sent" && conversation.thread) {
      await deps.staffChat.postInThread(conversation.thread, { kind: "ai", text: `(appointment reminder) ${body}` });
    }
    return done(result.outcome === "refused" ? `refused: ${result.reason}` : result.outcome);
  };
}
