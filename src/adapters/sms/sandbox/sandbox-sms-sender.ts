import { randomBytes } from "node:crypto";
import { maskPhone } from "../../../core/compliance/mask-phone.js";
import { measureSms } from "../../../core/compliance/sms-segments.js";
import type { Clock } from "../../../core/ports/clock.js";
import type { Logger } from "../../../core/ports/logger.js";
import type { OutboundSms, SentSms, SmsSender } from "../../../core/ports/sms.js";
import type { DeliveryStatusReport } from "../../../core/use-cases/record-delivery-status.js";
import type { SandboxFeed } from "../../sandbox/sandbox-feed.js";

export interface SandboxSmsOptions {
  feed: SandboxFeed;
  clock: Clock;
  logger: Logger;
  /** How long the simulated carrier takes to hand a text to the phone. @default 600 */
  deliveryDelayMs?: number;
}

/**
 * SMS to the simulated phones on the sandbox page, in place of Twilio. A text shows on the
 * phone at once as sent, and a moment later the "carrier" reports it delivered (or undeliverable,
 * the phone unreachable, when the page switched its signal off), through the status-callback use case.
 */
export class SandboxSmsSender implements SmsSender {
  readonly name = "sandbox";
  private readonly unreachable = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  // Until the core exists: a report then would be lost, so it is said (app.ts wires the core at once).
  private reportStatus = async (report: DeliveryStatusReport): Promise<void> =>
    this.options.logger.error({ status: report.status }, "sandbox: a delivery report before Baton's core was wired");

  constructor(private readonly options: SandboxSmsOptions) {}

  /** Where delivery reports go: the same use case Twilio's status callbacks reach (the core, once built). */
  reportTo(recordDeliveryStatus: (report: DeliveryStatusReport) => Promise<void>): void {
    this.reportStatus = recordDeliveryStatus;
  }

  async send(message: OutboundSms): Promise<SentSms> {
    const providerId = `SM${randomBytes(16).toString("hex")}`;
    const { segments, encoding } = measureSms(message.body);
    this.options.feed.publish({
      type: "sms",
      direction: "out",
      phone: message.to,
      dealerNumber: message.from,
      body: message.body,
      providerId,
      status: "sent",
      segments,
      encoding,
      at: this.options.clock.now().toISOString(),
      // An MMS: the phone shows the files from Baton's signed links, as a handset would fetch them.
      ...(message.mediaUrls?.length ? { mediaUrls: [...message.mediaUrls] } : {}),
    });
    const delivered = !this.unreachable.has(message.to);
    this.later(() =>
      this.report(
        message.to,
        delivered
          ? { providerId, status: "delivered" }
          : { providerId, status: "undeliverable", reason: "unreachable" },
      ),
    );
    return { providerId, status: "sent" };
  }

  /** The page's signal switch for one phone. */
  setReachable(phone: string, reachable: boolean): void {
    if (reachable) this.unreachable.delete(phone);
    else this.unreachable.add(phone);
    this.options.feed.publish({ type: "signal", phone, reachable });
  }

  /** Drops delivery reports still pending (shutdown: the database is about to close). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(task: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void task();
    }, this.options.deliveryDelayMs ?? 600);
    this.timers.add(timer);
  }

  private async report(phone: string, report: DeliveryStatusReport): Promise<void> {
    try {
      await this.reportStatus(report);
      this.options.feed.publish({
        type: "status",
        providerId: report.providerId,
        status: report.status,
        reason: report.reason,
      });
    } catch (error) {
      this.options.logger.error({ err: error, to: maskPhone(phone) }, "sandbox: recording a delivery report failed");
    }
  }
}
