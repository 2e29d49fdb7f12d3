import { HttpEventWebhook } from "../adapters/crm/webhook/http-event-webhook.js";
import type { PrismaClient } from "../adapters/store/prisma/generated/client.js";
import { PrismaCrmStore } from "../adapters/store/prisma/prisma-crm-store.js";
import type { Config } from "../config/config.js";
import type { CrmPorts, EventWebhook, LeadMailer } from "../core/ports/crm.js";
import type { IntegrationHealth } from "./integration-health.js";

/**
 * The CRM's doors: ADF by SMTP when a rooftop has an ADF address, the signed webhook when one has
 * a URL; in the sandbox, its CRM pane stands in for both. /healthz shows how each last fared.
 * The mail library is loaded only when an SMTP server is configured.
 */
export async function createCrm(
  config: Config,
  io: { prisma: PrismaClient; health: IntegrationHealth; sandbox?: { mailer: LeadMailer; webhook: EventWebhook } },
): Promise<{ ports: CrmPorts; close(): void }> {
  const { health, sandbox } = io;
  const zones = new Map(config.rooftops.map((r) => [r.id, r.timezone]));
  const smtp = config.crm.smtp;
  const mailer = smtp
    ? new (await import("../adapters/crm/email/smtp-lead-mailer.js")).SmtpLeadMailer({
        url: smtp.url,
        from: smtp.from,
        timezoneOf: (id) => zones.get(id) ?? "UTC",
      })
    : undefined;
  const webhookOn = config.rooftops.some((r) => r.crm?.webhook);
  const ports: CrmPorts = {
    store: new PrismaCrmStore(io.prisma),
    dedupeDays: config.crm.dedupeDays,
    mailer: sandbox?.mailer ?? (mailer && health.observe("crm_email", mailer)),
    webhook: sandbox?.webhook ?? (webhookOn ? health.observe("crm_webhook", new HttpEventWebhook()) : undefined),
  };
  return { ports, close: () => mailer?.close() };
}
