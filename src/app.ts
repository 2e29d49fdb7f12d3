import { App as BoltApp, ExpressReceiver, LogLevel } from "@slack/bolt";
import express from "express";
import type { Server } from "node:http";
import { createLocalBrain } from "./adapters/brain/local/index.js";
import { createOpenAiBrain } from "./adapters/brain/openai/index.js";
import { disabledSmsSender } from "./adapters/sms/disabled/disabled-sms-sender.js";
import { createTwilioClient } from "./adapters/sms/twilio/redirecting-request-client.js";
import { TwilioSmsSender } from "./adapters/sms/twilio/twilio-sms-sender.js";
import { LogStaffChat } from "./adapters/staff-chat/log/log-staff-chat.js";
import { registerSlackHandlers } from "./adapters/staff-chat/slack/register-slack-handlers.js";
import { SlackStaffChat } from "./adapters/staff-chat/slack/slack-staff-chat.js";
import { openDatabase } from "./adapters/store/prisma/open-database.js";
import type { PrismaClient } from "./adapters/store/prisma/generated/client.js";
import { PrismaConversationStore } from "./adapters/store/prisma/prisma-conversation-store.js";
import type { Config } from "./config/config.js";
import { guardBrain } from "./core/brain/guardrails.js";
import { SmsGateway } from "./core/messaging/sms-gateway.js";
import type { Brain } from "./core/ports/brain.js";
import { systemClock, type Clock } from "./core/ports/clock.js";
import type { Logger } from "./core/ports/logger.js";
import type { SmsSender } from "./core/ports/sms.js";
import type { StaffChat } from "./core/ports/staff-chat.js";
import { claimConversation } from "./core/use-cases/claim-conversation.js";
import type { CoreDeps } from "./core/use-cases/core-deps.js";
import { handBackConversation } from "./core/use-cases/hand-back-conversation.js";
import { HandleInboundSms } from "./core/use-cases/handle-inbound-sms.js";
import { recordDeliveryStatus } from "./core/use-cases/record-delivery-status.js";
import { relayRepReply } from "./core/use-cases/relay-rep-reply.js";
import { resolveConversation } from "./core/use-cases/resolve-conversation.js";
import { healthRoute } from "./http/health-route.js";
import { errorHandler } from "./http/error-handler.js";
import { twilioRoutes } from "./http/twilio-routes.js";
import { boltLogger } from "./runtime/bolt-logger.js";
import { KeyedQueue } from "./runtime/keyed-queue.js";
import { createRooftopDirectory } from "./runtime/rooftop-directory.js";

export interface BatonOptions {
  logger: Logger;
  clock?: Clock;
}

export interface Baton {
  http: express.Express;
  deps: CoreDeps;
  database: { kind: string; description: string; prisma: PrismaClient };
  brainName: string;
  /** Waits until every accepted text has been answered (tests, shutdown). */
  idle(): Promise<void>;
  listen(port: number, host?: string): Promise<Server>;
  close(): Promise<void>;
}

function selectBrain(config: Config, logger: Logger): Brain {
  const local = createLocalBrain();
  const inner = config.openai
    ? createOpenAiBrain({ ...config.openai, fallback: local, logger })
    : local;
  return guardBrain(inner, { fallback: local });
}

/** Wires adapters into the core. The only place, with main.ts, that knows which vendors exist. */
export async function buildBaton(config: Config, options: BatonOptions): Promise<Baton> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config.databaseUrl, { logger });
  const store = new PrismaConversationStore(database.prisma);
  for (const r of config.rooftops) await store.ensureDealership({ id: r.id, name: r.name, timezone: r.timezone, smsNumber: r.smsNumber });
  const rooftops = createRooftopDirectory(config.rooftops);

  const http = express();
  http.disable("x-powered-by");

  let bolt: BoltApp | undefined;
  let staffChat: StaffChat = new LogStaffChat(logger);
  if (config.slack) {
    const receiver = new ExpressReceiver({
      signingSecret: config.slack.signingSecret,
      app: http,
      endpoints: { events: "/slack/events" },
      processBeforeResponse: false,
      logger: boltLogger(logger),
    });
    const slackApiUrl = config.slack.apiUrl ? config.slack.apiUrl.replace(/\/*$/, "/") : undefined;
    bolt = new BoltApp({ token: config.slack.botToken, receiver, logger: boltLogger(logger), logLevel: LogLevel.WARN, clientOptions: { slackApiUrl } });
    staffChat = new SlackStaffChat(bolt.client, (dealershipId) => config.rooftops.find((r) => r.id === dealershipId)!.slack!);
  }

  let sender: SmsSender = disabledSmsSender;
  if (config.twilio) {
    const client = createTwilioClient(config.twilio);
    sender = new TwilioSmsSender(client, config.publicUrl ? `${config.publicUrl}/twilio/status` : undefined);
  }

  const brain = selectBrain(config, logger);
  const gateway = new SmsGateway({ store, sender, staffChat, clock, logger, fromNumberFor: (id) => rooftops.get(id).smsNumber });
  const deps: CoreDeps = { store, gateway, staffChat, brain, clock, logger, rooftops };
  const inbound = new HandleInboundSms(deps);
  const queue = new KeyedQueue((error, key) => logger.error({ err: error, conversationId: key }, "answering a text failed; it stays stored for recovery"));
  const answerLater = (messageId: string, conversationId: string) => queue.push(conversationId, () => inbound.process(messageId));

  if (bolt) {
    registerSlackHandlers(
      bolt,
      {
        claim: (id, rep) => claimConversation(deps, id, rep),
        handBack: (id, rep) => handBackConversation(deps, id, rep),
        resolve: (id, rep) => resolveConversation(deps, id, rep),
        relay: (reply) => relayRepReply(deps, reply),
        takeDelivery: (key) => store.takeDelivery(key),
      },
      logger,
    );
    bolt.error(async (error) => logger.error({ err: error }, "slack handler failed"));
  }

  http.use(healthRoute(() => database.prisma.$queryRaw`SELECT 1`.then(() => true)));
  http.use(
    twilioRoutes({
      twilio: config.twilio && config.publicUrl ? { authToken: config.twilio.authToken, publicUrl: config.publicUrl } : undefined,
      receive: (sms) => inbound.receive(sms),
      answerLater,
      recordStatus: (report) => recordDeliveryStatus(deps, report),
      logger,
    }),
  );
  http.use(errorHandler(logger));

  // Texts stored before a crash but never answered are answered now, once.
  for (const id of await store.listUnhandledInbound(500)) {
    const message = await store.getMessage(id);
    if (message) answerLater(id, message.conversationId);
  }

  let server: Server | undefined;
  return {
    http,
    deps,
    database: { kind: database.kind, description: database.description, prisma: database.prisma },
    brainName: brain.name,
    idle: () => queue.idle(),
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const s = http.listen(port, host ?? "0.0.0.0", () => resolve(s));
        s.once("error", reject);
        server = s;
      }),
    async close() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await queue.idle();
      await database.close();
    },
  };
}
