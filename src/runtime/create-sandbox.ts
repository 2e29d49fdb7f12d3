import type { Router } from "express";
import { SandboxClock } from "../adapters/clock/sandbox-clock.js";
import { clockOffsetFile, clockOffsetPath } from "../adapters/sandbox/clock-offset-file.js";
import { SandboxCrm } from "../adapters/sandbox/sandbox-crm.js";
import { redrawOpenCards } from "../adapters/sandbox/redraw-open-cards.js";
import { SandboxFeed } from "../adapters/sandbox/sandbox-feed.js";
import { SandboxMediaSource } from "../adapters/sandbox/sandbox-media-source.js";
import { sandboxRoutes, type SandboxUseCases } from "../adapters/sandbox/sandbox-routes.js";
import { SandboxSmsSender } from "../adapters/sms/sandbox/sandbox-sms-sender.js";
import { SandboxStaffChat } from "../adapters/staff-chat/sandbox/sandbox-staff-chat.js";
import type { Rooftop, SandboxConfig } from "../config/config.js";
import type { Clock } from "../core/ports/clock.js";
import type { EventWebhook, LeadMailer } from "../core/ports/crm.js";
import type { Logger } from "../core/ports/logger.js";
import type { MediaSource } from "../core/ports/media.js";

export interface SandboxOptions {
  rooftop: Rooftop;
  clock?: Clock;
  logger: Logger;
  /** DATABASE_URL: with the embedded database in a directory, the fast clock's offset is kept there. */
  databaseUrl?: string;
}

export interface Sandbox {
  /** Real time plus what the page's fast-clock buttons added (before a restart too). */
  clock: SandboxClock;
  /** The SmsSender port: texts go to the simulated phones. */
  sender: SandboxSmsSender;
  /** The MediaSource port: pictures the simulated phones attached, fetched as Twilio's are. */
  mediaSource?: MediaSource;
  /** The StaffChat port: cards go to the simulated channel. */
  staffChat: SandboxStaffChat;
  /** The CRM's ports: ADF leads and webhook events go to the page's CRM pane, never off the machine. */
  crm: { mailer: LeadMailer; webhook: EventWebhook };
  /** GET /sandbox and /sandbox/api/*, wired to the use cases; open cards from the database are drawn again. */
  routes(useCases: SandboxUseCases, keywordReplies: "provider" | "baton"): Router;
  /** Ends live streams and pending delivery reports (before the server and database close). */
  close(): void;
}

/** The sandbox's adapters over one feed: the page plays both outside ends of Baton. */
export function createSandbox(config: SandboxConfig, options: SandboxOptions): Sandbox {
  const { logger } = options;
  const feed = new SandboxFeed();
  // Where the clock stood before a restart, so what it stamps next sorts after what it stamped then.
  const offsets = clockOffsetFile(clockOffsetPath(options.databaseUrl), logger);
  const clock = new SandboxClock(options.clock);
  const savedOffset = offsets.read();
  if (savedOffset > 0) clock.advance(savedOffset);
  const sender = new SandboxSmsSender({ feed, clock, logger });
  const staffChat = new SandboxStaffChat(feed, clock);
  const mediaSource = new SandboxMediaSource();
  const { name, smsNumber, timezone } = options.rooftop;
  const crm = new SandboxCrm({ feed, clock, timezone });
  let closeRoutes = () => {};
  return {
    clock,
    sender,
    mediaSource,
    staffChat,
    crm: { mailer: crm, webhook: crm },
    routes(useCases, keywordReplies) {
      const { openThreads } = useCases;
      const { currentCard } = useCases.staff;
      const ready = openThreads
        ? redrawOpenCards(staffChat, { openThreads, currentCard }).catch((error) =>
            logger.error({ err: error }, "sandbox: drawing the open cards again failed"),
          )
        : undefined;
      const routes = sandboxRoutes({
        feed,
        sms: sender,
        media: mediaSource,
        clock,
        useCases,
        keywordReplies,
        allowRemote: config.allowRemote,
        dealership: { name, smsNumber: smsNumber!, timezone },
        ready,
        clockMoved: (offsetMs) => offsets.save(offsetMs),
      });
      closeRoutes = routes.close;
      return routes.router;
    },
    close() {
      sender.close();
      closeRoutes();
    },
  };
}
