import { explainSendFailure } from "../messaging/explain-send-failure.js";
import type { CoreDeps } from "./core-deps.js";

export interface DeliveryStatusReport {
  providerId: string;
  status: string;
  errorCode?: string;
  errorMessage?: string;
}

const FAILED = new Set(["failed", "undelivered"]);

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
  if (!FAILED.has(report.status)) return;
  const conversation = await deps.store.getConversation(message.conversationId);
  if (!conversation?.thread) return;
  await deps.staffChat.postInThread(conversation.thread, {
    kind: "warning",
    text: `The carrier reports this SMS was ${report.status}${report.errorCode ? ` (error ${report.errorCode}: ${explainSendFailure(report.errorCode, "see the provider's error list")})` : ""}; the customer did not get it:\n> ${message.body}`,
  });
}
