import type express from "express";
import { listOpenThreads } from "../adapters/store/prisma/list-open-threads.js";
import type { PrismaClient } from "../adapters/store/prisma/generated/client.js";
import { SANDBOX_CHAT } from "../adapters/staff-chat/sandbox/sandbox-staff-chat.js";
import { registerBatonCommand } from "../adapters/staff-chat/slack/register-baton-command.js";
import { registerSlackHandlers } from "../adapters/staff-chat/slack/register-slack-handlers.js";
import type { Config } from "../config/config.js";
import { DEFAULT_SCHEDULER_CONFIG } from "../config/follow-up-schema.js";
import type { BatonCore } from "../core/baton-core.js";
import type { Logger } from "../core/ports/logger.js";
import type { RooftopDirectory } from "../core/ports/rooftops.js";
import { errorHandler } from "../http/error-handler.js";
import { healthRoute } from "../http/health-route.js";
import { leadsRoutes } from "../http/leads-routes.js";
import { twilioRoutes } from "../http/twilio-routes.js";
import { mediaRoutes } from "../http/media-routes.js";
import { SlackFileDownloads } from "../adapters/staff-chat/slack/slack-files.js";
import type { Media } from "./create-media.js";
import type { CrmPorts } from "../core/ports/crm.js";
import { voiceOf } from "../config/voice-config.js";
import type { GuardedBrain } from "./create-brain.js";
import type { Sandbox } from "./create-sandbox.js";
import type { StaffChats } from "./create-staff-chats.js";
import type { IntegrationHealth } from "./integration-health.js";
import type { Clock } from "../core/ports/clock.js";

export interface RouteParts {
  core: BatonCore;
  chats: StaffChats;
  sandbox?: Sandbox;
  prisma: PrismaClient;
  health: IntegrationHealth;
  brain: GuardedBrain;
  rooftops: RooftopDirectory;
  clock: Clock;
  logger: Logger;
  media: Media;
  /** The CRM's deliveries, counted by /healthz. */
  crm?: CrmPorts;
}

/**
 * Every way in, each to the core's one door: webhooks, chats, leads, the sandbox page, /healthz.
 * Returns `acknowledgedWorkDone`: when the work of every Slack click and thread reply already
 * acknowledged is done (Slack was told they arrived; tests and the shutdown wait for them).
 */
export function mountRoutes(
  http: express.Express,
  config: Config,
  parts: RouteParts,
): { acknowledgedWorkDone(): Promise<void> } {
  const { core, chats, sandbox, logger } = parts;
  let acknowledgedWorkDone = () => Promise.resolve();
  if (chats.bolt) {
    const bolt = chats.bolt;
    const files = new SlackFileDownloads(
      config.slack!.botToken,
      async (id) => (await bolt.client.files.info({ file: id })).file,
      config.slack!.apiUrl,
    );
    acknowledgedWorkDone = registerSlackHandlers(chats.bolt, core.staff, logger, files).acknowledgedWorkDone;
    registerBatonCommand(chats.bolt, (request) => core.staffCommand(request), logger);
    chats.bolt.error(async (error) => logger.error({ err: error }, "slack handler failed"));
  }
  http.use(
    healthRoute(
      () => parts.prisma.$queryRaw`SELECT 1`,
      () => parts.health.snapshot(),
      () => parts.brain.health?.report(),
      config.rooftops.some((r) => r.crm) && parts.crm
        ? async () => {
            const counts = await parts.crm!.store.deliveryCounts(new Date(parts.clock.now().getTime() - 24 * 3600_000));
            return { failedLast24h: counts.failed, waiting: counts.waiting };
          }
        : undefined,
    ),
  );
  const twilio =
    config.twilio && config.publicUrl ? { authToken: config.twilio.authToken, publicUrl: config.publicUrl } : undefined;
  const byNumber = new Map(config.rooftops.flatMap((r) => (r.smsNumber ? [[r.smsNumber, r] as const] : [])));
  const voice = {
    core,
    rooftopFor(to: string) {
      const rooftop = byNumber.get(to);
      return rooftop && { storeName: rooftop.knowledge.name || rooftop.name, voice: voiceOf(rooftop) };
    },
  };
  http.use(twilioRoutes({ twilio, core, logger, voice }));
  // GET /media/:id: signed links to stored files (an outbound MMS, a Teams card's pictures, the sandbox).
  if (parts.media.links) http.use(mediaRoutes({ links: parts.media.links, store: parts.media.ports.store }));
  http.use(
    leadsRoutes({
      tokens: config.rooftops.flatMap((r) => (r.leads ? [{ rooftopId: r.id, token: r.leads.token }] : [])),
      timezoneOf: (id) => parts.rooftops.get(id).timezone,
      receive: (id, leads, raw) => core.receiveLeads(id, leads, raw),
      logger,
      now: () => parts.clock.now().getTime(),
    }),
  );
  if (chats.teams) http.use(chats.teams.routes(core.staff)); // POST /api/messages
  if (sandbox) {
    // GET /sandbox: the page's texts, clicks and thread replies reach the same door as Twilio's and Slack's;
    // after a restart it draws the cards still open again, from the database.
    const useCases = { ...core, openThreads: () => listOpenThreads(parts.prisma, SANDBOX_CHAT) };
    http.use(sandbox.routes(useCases, (config.scheduler ?? DEFAULT_SCHEDULER_CONFIG).keywordReplies));
  }
  http.use(errorHandler(logger));
  return { acknowledgedWorkDone: () => acknowledgedWorkDone() };
}
