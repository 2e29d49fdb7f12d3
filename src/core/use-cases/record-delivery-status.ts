import { isNotDelivered, type DeliveryStatus } from "../messaging/delivery-status.js";
import { explainSendFailure, type SendFailureReason } from "../messaging/send-failure.js";
import type { CoreDeps } from "./core-deps.js";
import { textBackUndelivered } from "./calls/missed-calls.js";

/** A provider's delivery report, in Baton's words (the SMS adapter maps the provider's). */
export interface DeliveryStatusReport {
  providerId: string;
  status: DeliveryStatus;
  /** Why it did not arrive, as the SMS adapter read the provider's code. */
  reason?: SendFailureReason;
  /** The provider's own code (Twilio's 30003…): stored and shown as "(error …)", never branched on here. */
  errorCode?: string;
  errorMessage?: string;
}

/** A provider's delivery report. A failure is shown in the card's thread, never silent. */
export async function recordDeliveryStatus(deps: CoreDeps, report: DeliveryStatusReport): Promise<void> {
  const message = await deps.store.updateDeliveryByProviderId(report.providerId, {
    status: report.status,
    errorCode: report.errorCode,
    errorMessage: report.errorMessage,
  });
  if (!message) {
    deps.logger.warn({ status: report.status }, "delivery status for a message Baton does not know");
    return;
  }
  if (!isNotDelivered(report.status)) return;
  const { reason } = report;
  // A missed call's text-back that never arrived (a landline's 30006): people call back instead.
  await textBackUndelivered(deps, message.id, reason);
  deps.logger.warn(
    { conversationId: message.conversationId, status: report.status, reason, code: report.errorCode },
    "sms not delivered",
  );
  const conversation = await deps.store.getConversation(message.conversationId);
  if (!conversation?.thread) return;
  const what =
    report.status === "failed"
      ? "The SMS provider reports this SMS could not be sent"
      : "The carrier reports this SMS was not delivered";
  const code = report.errorCode ? ` (error ${report.errorCode})` : "";
  const fallback = report.errorMessage ?? (report.errorCode ? "see the provider's error list" : "");
  const why = explainSendFailure(reason, fallback);
  await deps.staffChat.postInThread(conversation.thread, {
    kind: "warning",
    text: `${what}${code}${why ? `: ${why}` : ""}; the customer did not get it:\n> ${message.body}`,
  });
}
