import express from "express";
import type { Server } from "node:http";
import { loadNgramJudge } from "./adapters/judge/ngram/index.js";
import { libphonenumberPhones } from "./adapters/phone/libphonenumber/libphonenumber-phones.js";
import type { PrismaClient } from "./adapters/store/prisma/generated/client.js";
import { PrismaFollowUpStore } from "./adapters/store/prisma/prisma-follow-up-store.js";
import { PrismaJobStore } from "./adapters/store/prisma/prisma-job-store.js";
import { PrismaLeadStore } from "./adapters/store/prisma/prisma-lead-store.js";
import { PrismaCallStore } from "./adapters/store/prisma/prisma-call-store.js";
import type { Config } from "./config/config.js";
import { DEFAULT_SCHEDULER_CONFIG } from "./config/follow-up-schema.js";
import type { BatonCore } from "./core/baton-core.js";
import { HANDLING_LEASE, type LeaseTiming } from "./core/conversation/handling-lease.js";
import { createBatonCore } from "./core/create-baton-core.js";
import { systemClock, type Clock } from "./core/ports/clock.js";
import type { Logger } from "./core/ports/logger.js";
import type { TickResult } from "./core/scheduling/job-runner.js";
import type { FollowUpDeps } from "./core/use-cases/follow-up-deps.js";
import { createBrain } from "./runtime/create-brain.js";
import { coreSettings } from "./runtime/core-settings.js";
import { openStore } from "./runtime/open-store.js";
import { pickSmsSender } from "./runtime/pick-sms-sender.js";
import { createSandbox } from "./runtime/create-sandbox.js";
import { createStaffChats } from "./runtime/create-staff-chats.js";
import { createMedia } from "./runtime/create-media.js";
import { createCrm } from "./runtime/create-crm.js";
import { IntegrationHealth } from "./runtime/integration-health.js";
import { mountRoutes } from "./runtime/mount-routes.js";
import { createRooftopDirectory } from "./runtime/rooftop-directory.js";
import { serveBaton } from "./runtime/serve-baton.js";

export interface BatonOptions {
  logger: Logger;
  clock?: Clock;
  /** Run scheduled work on SCHEDULER_CRON from `listen` on (main.ts). Tests call `runDueWork()` instead. @default false */
  startScheduler?: boolean;
  /** Waits between attempts of a failed send. @default [1000, 4000] */
  smsRetryDelaysMs?: number[];
  /** How long a text's answer waits for its pictures. @default 10 s */
  mediaFetchBudgetMs?: number;
  /** Holds on texts being answered and their heartbeat (tests shorten them). @default HANDLING_LEASE */
  lease?: LeaseTiming;
  /** How often work a dead replica left is looked for, between cron ticks. @default 5 s with startScheduler, else never */
  recoveryEveryMs?: number;
}

export interface Baton {
  http: express.Express;
  /** The one door in: what every route and chat calls. */
  core: BatonCore;
  deps: FollowUpDeps;
  database: { kind: string; description: string; prisma: PrismaClient; statements: { count: number } };
  brainName: string;
  /** What the cron tick does: finish work a crashed replica left, then run the scheduled jobs due now. */
  runDueWork(): Promise<TickResult>;
  /** Waits until every accepted text has been answered (tests): on a manual clock, move it past REPLY_COALESCE_MS first. */
  idle(): Promise<void>;
  listen(port: number, host?: string): Promise<Server>;
  close(): Promise<void>;
}

/** Picks the adapters, builds the core over them and mounts the routes. The only place, with main.ts, that knows which vendors exist. */
export async function buildBaton(config: Config, options: BatonOptions): Promise<Baton> {
  const { logger } = options;
  // The sandbox (no Twilio, Slack or Teams) plays both outside ends in a browser, on its fast clock.
  const sandbox = config.sandbox
    ? createSandbox(config.sandbox, {
        rooftop: config.rooftops[0]!,
        clock: options.clock,
        logger,
        databaseUrl: config.databaseUrl,
      })
    : undefined;
  const clock = sandbox?.clock ?? options.clock ?? systemClock;
  const lease = options.lease ?? HANDLING_LEASE;
  const { database, store } = await openStore(config, logger, lease);

  const http = express();
  http.disable("x-powered-by");
  // Behind a load balancer every request comes from it: say how many hops (or which addresses) to trust.
  if (config.trustProxy)
    http.set("trust proxy", /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  const health = new IntegrationHealth();
  // Files (customers' pictures, reps' attachments) and their signed links, which Teams' cards show.
  const media = await createMedia(config, {
    prisma: database.prisma,
    clock,
    sandboxSource: sandbox?.mediaSource,
    turnFetchBudgetMs: options.mediaFetchBudgetMs,
  });
  if (sandbox && media.chatLinks) sandbox.staffChat.showFilesAt(media.chatLinks);
  const chats = await createStaffChats(config, {
    http,
    prisma: database.prisma,
    logger,
    health,
    sandbox,
    mediaLinks: media.chatLinks,
  });
  // The trained reader of texts, loaded once: the local brain and the consent check share it.
  const judge = loadNgramJudge();
  const brain = await createBrain(config.openai, logger, judge);
  const rooftops = createRooftopDirectory(config.rooftops);
  const crm = await createCrm(config, { prisma: database.prisma, health, sandbox: sandbox?.crm });
  const scheduler = config.scheduler ?? DEFAULT_SCHEDULER_CONFIG;
  const core = createBatonCore(
    {
      store,
      jobs: new PrismaJobStore(database.prisma),
      followUpStore: new PrismaFollowUpStore(database.prisma),
      leadStore: new PrismaLeadStore(database.prisma),
      calls: new PrismaCallStore(database.prisma),
      sender: await pickSmsSender(config, health, sandbox),
      staffChat: chats.staffChat,
      brain,
      judge,
      clock,
      logger,
      rooftops,
      phones: libphonenumberPhones,
      media: media.ports,
      crm: crm.ports,
    },
    coreSettings(config, options, lease),
  );
  // A broken model opens the breaker: the managers hear it once, and when it is back.
  if (brain.health) brain.health.watch(core.modelBreaker(brain.health.model));
  // The sandbox's simulated carrier reports deliveries to the same use case as Twilio's callbacks.
  sandbox?.sender.reportTo(core.recordDeliveryStatus);
  const routes = mountRoutes(http, config, {
    core,
    chats,
    sandbox,
    prisma: database.prisma,
    health,
    brain,
    rooftops,
    clock,
    logger,
    media,
    crm: crm.ports,
  });

  await core.recoverUnfinishedWork(true);
  await core.planDigests(config.rooftops.map((r) => r.id));
  const served = serveBaton(http, core, {
    cron: scheduler.cron,
    startScheduler: options.startScheduler ?? false,
    recoveryEveryMs: options.recoveryEveryMs,
    shutdownGraceMs: config.shutdownGraceMs,
    acknowledgedWorkDone: routes.acknowledgedWorkDone,
    logger,
    stopStreams: () => sandbox?.close(),
    closeResources: () => {
      crm.close();
      return database.close();
    },
  });
  return {
    http,
    core,
    deps: core.deps,
    database: {
      kind: database.kind,
      description: database.description,
      prisma: database.prisma,
      statements: database.statements,
    },
    brainName: brain.name,
    runDueWork: () => core.runDueWork(),
    // A click's work may start the core's (a claim's notice): the clicks first, then the core.
    idle: async () => {
      await routes.acknowledgedWorkDone();
      await core.idle();
    },
    ...served,
  };
}
