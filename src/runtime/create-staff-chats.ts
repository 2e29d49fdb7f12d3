import type { App as BoltApp } from "@slack/bolt";
import type express from "express";
import { SANDBOX_CHAT } from "../adapters/staff-chat/sandbox/sandbox-staff-chat.js";
import { LogStaffChat } from "../adapters/staff-chat/log/log-staff-chat.js";
import { chatForRooftop, RouteStaffChat } from "../adapters/staff-chat/route-staff-chat.js";
import { SlackStaffChat } from "../adapters/staff-chat/slack/slack-staff-chat.js";
import type { createTeamsStaffChat } from "../adapters/staff-chat/teams/index.js";
import type { PrismaClient } from "../adapters/store/prisma/generated/client.js";
import { PrismaTeamsChannelStore } from "../adapters/store/prisma/prisma-teams-channel-store.js";
import type { Config } from "../config/config.js";
import type { Logger } from "../core/ports/logger.js";
import type { StaffChat } from "../core/ports/staff-chat.js";
import type { MediaLinks } from "../core/ports/media.js";
import { refuseUnsignedSlack } from "../http/refuse-unsigned-slack.js";
import type { IntegrationHealth } from "./integration-health.js";
import type { Sandbox } from "./create-sandbox.js";

export interface StaffChats {
  /** The port the core posts through: each rooftop (and department) to its chat. */
  staffChat: StaffChat;
  /** Slack's Bolt app, mounted on `http` at /slack/events; its handlers are registered once the core exists. */
  bolt?: BoltApp;
  teams?: ReturnType<typeof createTeamsStaffChat>;
}

/**
 * Slack's Bolt app. Bolt (and Teams' SDKs, below) are loaded only when configured: together they
 * are over 100 MB of a process's memory that a store without them should not carry.
 */
async function createBolt(
  config: NonNullable<Config["slack"]>,
  http: express.Express,
  logger: Logger,
): Promise<BoltApp> {
  const [{ App: BoltApp, ExpressReceiver, LogLevel }, { boltLogger }] = await Promise.all([
    import("@slack/bolt"),
    import("./bolt-logger.js"),
  ]);
  // Before Bolt buffers a body to check its signature: signed, and of a size Slack sends.
  http.post("/slack/events", refuseUnsignedSlack());
  const receiver = new ExpressReceiver({
    signingSecret: config.signingSecret,
    app: http,
    endpoints: { events: "/slack/events" },
    processBeforeResponse: false,
    logger: boltLogger(logger),
  });
  return new BoltApp({
    token: config.botToken,
    receiver,
    logger: boltLogger(logger),
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: config.apiUrl ? config.apiUrl.replace(/\/*$/, "/") : undefined },
  });
}

/** Slack, Teams and the sandbox as configured, behind one StaffChat; the log when none is set up. */
export async function createStaffChats(
  config: Config,
  io: {
    http: express.Express;
    prisma: PrismaClient;
    logger: Logger;
    health: IntegrationHealth;
    sandbox?: Sandbox;
    /** Signed links to stored files: Teams shows a customer's pictures from them. */
    mediaLinks?: MediaLinks;
  },
): Promise<StaffChats> {
  const { logger, health, sandbox } = io;
  const bolt = config.slack ? await createBolt(config.slack, io.http, logger) : undefined;
  const slackChat =
    bolt &&
    health.observe(
      "slack",
      new SlackStaffChat(bolt.client, (dealershipId) => config.rooftops.find((r) => r.id === dealershipId)!.slack!),
    );
  const teams = config.teams
    ? (await import("../adapters/staff-chat/teams/index.js")).createTeamsStaffChat(config.teams, {
        store: new PrismaTeamsChannelStore(io.prisma),
        rooftops: config.rooftops
          .filter((r) => r.teams)
          .map((r) => ({ id: r.id, name: r.name, departments: r.teams?.departments })),
        logger,
        mediaLinks: io.mediaLinks,
      })
    : undefined;
  const logChat = new LogStaffChat(logger);
  const rooftopById = new Map(config.rooftops.map((r) => [r.id, r]));
  // An existing card goes to the chat its thread names; a new one to the rooftop's (or department's).
  const staffChat = new RouteStaffChat(
    [slackChat, teams && health.observe("teams", teams.staffChat), sandbox?.staffChat].filter(
      (chat): chat is NonNullable<typeof chat> => chat !== undefined,
    ),
    (dealershipId, department) => {
      if (sandbox) return SANDBOX_CHAT;
      const rooftop = rooftopById.get(dealershipId);
      return rooftop ? chatForRooftop(rooftop, department) : logChat.name;
    },
    logChat,
  );
  return { staffChat, bolt, teams };
}
