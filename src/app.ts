import type { TickResult } from "./core/scheduling/job-runner.js";
import { App as BoltApp, ExpressReceiver, LogLevel } from "@slack/bolt";
import express from "express";
import type { Server } from "node:http";
import { disabledSmsSender } from "./adapters/sms/disabled/disabled-sms-sender.js";
import { startCronTicker, type CronTicker } from "./adapters/scheduler/node-cron/node-cron-ticker.js";
import { createTwilioClient } from "./adapters/sms/twilio/redirecting-request-client.js";
import { TwilioSmsSender } from "./adapters/sms/twilio/twilio-sms-sender.js";
import { LogStaffChat } from "./adapters/staff-chat/log/log-staff-chat.js";
import { registerBatonCommand } from "./adapters/staff-chat/slack/register-baton-command.js";
import { registerSlackHandlers } from "./adapters/staff-chat/slack/register-slack-handlers.js";
import { SlackStaffChat } from "./adapters/staff-chat/slack/slack-staff-chat.js";
import { chatForRooftop, RouteStaffChat } from "./adapters/staff-chat/route-staff-chat.js";
import { createTeamsStaffChat } from "./adapters/staff-chat/teams/index.js";
import { PrismaTeamsChannelStore } from "./adapters/store/prisma/prisma-teams-channel-store.js";
import { openDatabase } from "./adapters/store/prisma/open-database.js";
import type { PrismaClient } from "./adapters/store/prisma/generated/client.js";
import { PrismaConversationStore } from "./adapters/store/prisma/prisma-conversation-store.js";
import { PrismaFollowUpStore } from "./adapters/store/prisma/prisma-follow-up-store.js";
import { PrismaJobStore } from "./adapters/store/prisma/prisma-job-store.js";
import { PrismaLeadStore } from "./adapters/store/prisma/prisma-lead-store.js";
import type { Config } from "./config/config.js";
import { HANDLING_LEASE, type LeaseTiming } from "./core/conversation/handling-lease.js";
import { DEFAULT_SCHEDULER_CONFIG } from "./config/follow-up-schema.js";
import { SendPacing } from "./core/messaging/send-pacing.js";
import { SmsGateway } from "./core/messaging/sms-gateway.js";
import { systemClock, type Clock } from "./core/ports/clock.js";
import type { Logger } from "./core/ports/logger.js";
import type { SmsSender } from "./core/ports/sms.js";
import type { StaffChat, ThreadRef } from "./core/ports/staff-chat.js";
import { linkClickedCard } from "./core/use-cases/link-clicked-card.js";
import { claimConversation } from "./core/use-cases/claim-conversation.js";
import type { CoreDeps } from "./core/use-cases/core-deps.js";
import { handBackConversation } from "./core/use-cases/hand-back-conversation.js";
import { readCard } from "./core/use-cases/read-card.js";
import { HandleInboundSms } from "./core/use-cases/handle-inbound-sms.js";
import { recordDeliveryStatus } from "./core/use-cases/record-delivery-status.js";
import { relayRepReply, type RepReply } from "./core/use-cases/relay-rep-reply.js";
import type { StaffMember } from "./core/use-cases/staff-action.js";
import { resolveConversation } from "./core/use-cases/resolve-conversation.js";
import { healthRoute } from "./http/health-route.js";
import { IntegrationHealth } from "./runtime/integration-health.js";
import { announceModelBack, announceModelPaused } from "./core/use-cases/announce-model-pause.js";
import { errorHandler } from "./http/error-handler.js";
import { twilioRoutes } from "./http/twilio-routes.js";
import { refuseUnsignedSlack } from "./http/refuse-unsigned-slack.js";
import { leadsRoutes } from "./http/leads-routes.js";
import { LeadIntake } from "./core/use-cases/leads/receive-lead.js";
import { boltLogger } from "./runtime/bolt-logger.js";
import { createBrain } from "./runtime/create-brain.js";
import { loadNgramJudge } from "./adapters/judge/ngram/index.js";
import { KeyedQueue } from "./runtime/keyed-queue.js";
import { TurnWakeUps } from "./runtime/turn-wake-ups.js";
import { createScheduler, type Scheduler } from "./runtime/create-scheduler.js";
import { createSandbox } from "./runtime/create-sandbox.js";
import { listOpenThreads } from "./adapters/store/prisma/list-open-threads.js";
import { SANDBOX_CHAT } from "./adapters/staff-chat/sandbox/sandbox-staff-chat.js";
import type { SandboxUseCases } from "./adapters/sandbox/sandbox-routes.js";
import { createRooftopDirectory } from "./runtime/rooftop-directory.js";
import { libphonenumberPhones } from "./adapters/phone/libphonenumber/libphonenumber-phones.js";

export interface BatonOptions {
  logger: Logger;
  clock?: Clock;
  /** Run scheduled work on SCHEDULER_CRON from `listen` on (main.ts). Tests call `scheduler.tick()` instead. @default false */
  startScheduler?: boolean;
  /** Waits between attempts of a failed send. @default [1000, 4000] */
  smsRetryDelaysMs?: number[];
  /** Holds on texts being answered and their heartbeat (tests shorten them). @default HANDLING_LEASE */
  lease?: LeaseTiming;
  /** How often work a dead replica left is looked for, between cron ticks. @default 5 s with startScheduler, else never */
  recoveryEveryMs?: number;
}

/** A text stored this long ago and never taken is another replica's lost work (beyond the reply window). */
const FRESH_TEXT_GRACE_MS = 15_000;

export interface Baton {
  http: express.Express;
  deps: CoreDeps;
  database: { kind: string; description: string; prisma: PrismaClient };
  brainName: string;
  /** Nudges, reminders, escalations and digests: `tick()` runs what is due now. */
  scheduler: Scheduler;
  /** What the cron tick does: finish work a crashed replica left, then run the scheduled jobs due now. */
  runDueWork(): Promise<TickResult>;
  /** Waits until every accepted text has been answered (tests): on a manual clock, move it past REPLY_COALESCE_MS first. */
  idle(): Promise<void>;
  listen(port: number, host?: string): Promise<Server>;
  close(): Promise<void>;
}

/** Wires adapters into the core. The only place, with main.ts, that knows which vendors exist. */
export async function buildBaton(config: Config, options: BatonOptions): Promise<Baton> {
  const { logger } = options;
  // The sandbox (no Twilio, Slack or Teams) plays both outside ends in a browser, on its fast clock.
  const sandbox = config.sandbox
    ? createSandbox(config.sandbox, {
        rooftop: config.rooftops[0]!,
        clock: options.clock,
        logger,
        reportStatus: (report) => recordDeliveryStatus(deps, report),
        databaseUrl: config.databaseUrl,
      })
    : undefined;
  const clock = sandbox?.clock ?? options.clock ?? systemClock;
  const database = await openDatabase(config.databaseUrl, { logger });
  const lease = options.lease ?? HANDLING_LEASE;
  const store = new PrismaConversationStore(database.prisma, { leaseMs: lease.leaseMs });
  // Embedded: no other process can use this database, so every hold in it is a dead predecessor's.
  if (database.kind === "pglite") {
    const taken = await store.takeBackHolds();
    if (taken > 0) logger.info({ holds: taken }, "took back work the previous run was doing when it stopped");
  }
  for (const r of config.rooftops)
    await store.ensureDealership({ id: r.id, name: r.name, timezone: r.timezone, smsNumber: r.smsNumber });
  const rooftops = createRooftopDirectory(config.rooftops);

  const http = express();
  http.disable("x-powered-by");
  // Behind a load balancer every request comes from it: say how many hops (or which addresses) to trust.
  if (config.trustProxy)
    http.set("trust proxy", /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  const health = new IntegrationHealth();
  // Per conversation, one thing at a time in this process (texts in order, a click after the
  // answer in progress), and close() waits for all of it. `deps` is complete before any request.
  // Texts and leads are answered at most config.answerConcurrency at a time, so a burst cannot
  // starve the webhooks still arriving (see KeyedQueue); clicks never wait for that limit.
  const queue = new KeyedQueue(
    (error, key) =>
      logger.error({ err: error, conversationId: key }, "answering a text failed; it stays stored for recovery"),
    config.answerConcurrency,
  );
  const staffMoves = {
    // A click may come from a card Baton posted and died before recording: it is linked first.
    claim: (id: string, rep: StaffMember, card?: ThreadRef) =>
      queue.run(id, () => linkClickedCard(deps, id, card).then(() => claimConversation(deps, id, rep))),
    handBack: (id: string, rep: StaffMember, card?: ThreadRef) =>
      queue.run(id, () => linkClickedCard(deps, id, card).then(() => handBackConversation(deps, id, rep))),
    resolve: (id: string, rep: StaffMember, card?: ThreadRef) =>
      queue.run(id, () => linkClickedCard(deps, id, card).then(() => resolveConversation(deps, id, rep))),
    relay: (reply: RepReply) =>
      queue.run(`thread:${reply.thread.channel}:${reply.thread.ts}`, () => relayRepReply(deps, reply)),
  };

  let bolt: BoltApp | undefined;
  const logChat = new LogStaffChat(logger);
  let slackChat: StaffChat | undefined;
  if (config.slack) {
    // Before Bolt buffers a body to check its signature: signed, and of a size Slack sends.
    http.post("/slack/events", refuseUnsignedSlack());
    const receiver = new ExpressReceiver({
      signingSecret: config.slack.signingSecret,
      app: http,
      endpoints: { events: "/slack/events" },
      processBeforeResponse: false,
      logger: boltLogger(logger),
    });
    const slackApiUrl = config.slack.apiUrl ? config.slack.apiUrl.replace(/\/*$/, "/") : undefined;
    bolt = new BoltApp({
      token: config.slack.botToken,
      receiver,
      logger: boltLogger(logger),
      logLevel: LogLevel.WARN,
      clientOptions: { slackApiUrl },
    });
    slackChat = health.observe(
      "slack",
      new SlackStaffChat(bolt.client, (dealershipId) => config.rooftops.find((r) => r.id === dealershipId)!.slack!),
    );
  }

  // Teams calls the same use cases as Slack; `deps` is complete before a request can arrive.
  const teams = config.teams
    ? createTeamsStaffChat(config.teams, {
        store: new PrismaTeamsChannelStore(database.prisma),
        rooftops: config.rooftops
          .filter((r) => r.teams)
          .map((r) => ({ id: r.id, name: r.name, departments: r.teams?.departments })),
        logger,
        useCases: {
          ...staffMoves,
          currentCard: (id) => readCard(deps, id),
          takeDelivery: (key) => store.takeDelivery(key),
        },
      })
    : undefined;
  // Each rooftop (and department) to its chat; an existing card to the chat its thread names.
  const rooftopById = new Map(config.rooftops.map((r) => [r.id, r]));
  const staffChat: StaffChat = new RouteStaffChat(
    [slackChat, teams && health.observe("teams", teams.staffChat), sandbox?.staffChat].filter(
      (chat): chat is StaffChat => chat !== undefined,
    ),
    (dealershipId, department) => {
      const rooftop = rooftopById.get(dealershipId);
      if (sandbox) return sandbox.staffChat.name;
      return rooftop ? chatForRooftop(rooftop, department) : logChat.name;
    },
    logChat,
  );

  let sender: SmsSender = disabledSmsSender;
  if (config.twilio) {
    const client = createTwilioClient(config.twilio);
    sender = health.observe(
      "twilio",
      new TwilioSmsSender(client, config.publicUrl ? `${config.publicUrl}/twilio/status` : undefined),
    );
  }
  if (sandbox) sender = sandbox.sender;

  // The trained reader of texts, loaded once: the local brain and the consent check share it.
  const judge = loadNgramJudge();
  // A broken model opens the breaker: the managers hear it once (and when it is back), on the queue, after `deps` exists.
  const model = config.openai?.model ?? "none";
  const brain = createBrain(config.openai, logger, judge, {
    opened: (event) => queue.push("model-breaker", () => announceModelPaused(deps, { model, ...event })),
    closed: (event) => queue.push("model-breaker", () => announceModelBack(deps, { model, ...event })),
  });
  const jobs = new PrismaJobStore(database.prisma);
  const leadStore = new PrismaLeadStore(database.prisma);
  const pacing = new SendPacing({ jobs, clock, rooftops }); // quiet hours and pace of automated texts
  const gateway = new SmsGateway({
    store,
    sender,
    staffChat,
    clock,
    logger,
    fromNumberFor: (id) => rooftops.get(id).smsNumber,
    pacing,
    retryDelaysMs: options.smsRetryDelaysMs,
    jobs,
  });
  const schedulerConfig = config.scheduler ?? DEFAULT_SCHEDULER_CONFIG;
  const deps: CoreDeps = {
    store,
    gateway,
    staffChat,
    brain,
    judge,
    clock,
    logger,
    rooftops,
    keywordReplies: schedulerConfig.keywordReplies,
    phones: libphonenumberPhones,
  };
  const followUpStore = new PrismaFollowUpStore(database.prisma);
  const scheduler = createScheduler({
    ...deps,
    jobs,
    followUpStore,
    frustrationThreshold: schedulerConfig.frustrationThreshold,
    leadStore,
  });
  deps.followUps = scheduler.planner;
  const inbound = new HandleInboundSms(deps, { coalesceMs: config.replyCoalesceMs }, lease.renewEveryMs);
  // A customer's texts within REPLY_COALESCE_MS of each other are one turn: the conversation is
  // looked at once they pause (and the database decides whether it is due); 0 answers each at once.
  const wakeUps = new TurnWakeUps(clock, queue, (conversationId) => inbound.answerTurn(conversationId));
  const answerLater = (messageId: string, conversationId: string) =>
    config.replyCoalesceMs > 0
      ? wakeUps.lookAt(conversationId, new Date(clock.now().getTime() + config.replyCoalesceMs))
      : queue.push(conversationId, () => inbound.process(messageId));
  // Web and ADF leads: stored before the sender is answered, first text (or card) right after.
  const leadIntake = new LeadIntake({ ...deps, leads: leadStore, jobs });
  const processLeadLater = (lead: { leadId: string; conversationId?: string }) =>
    queue.push(lead.conversationId ?? lead.leadId, () => leadIntake.process(lead.leadId));

  if (bolt) {
    registerSlackHandlers(
      bolt,
      {
        ...staffMoves,
        takeDelivery: (key) => store.takeDelivery(key),
      },
      logger,
    );
    registerBatonCommand(bolt, (request) => scheduler.staffCommand(request), logger);
    bolt.error(async (error) => logger.error({ err: error }, "slack handler failed"));
  }

  http.use(
    healthRoute(
      () => database.prisma.$queryRaw`SELECT 1`,
      () => health.snapshot(),
      () => brain.health?.report(),
    ),
  );
  http.use(
    twilioRoutes({
      twilio:
        config.twilio && config.publicUrl
          ? { authToken: config.twilio.authToken, publicUrl: config.publicUrl }
          : undefined,
      receive: (sms) => inbound.receive(sms),
      answerLater,
      recordStatus: (report) => recordDeliveryStatus(deps, report),
      logger,
    }),
  );
  http.use(
    leadsRoutes({
      tokens: config.rooftops.flatMap((r) => (r.leads ? [{ rooftopId: r.id, token: r.leads.token }] : [])),
      timezoneOf: (id) => rooftops.get(id).timezone,
      receive: (id, leads, raw) => leadIntake.receive(id, leads, raw),
      processLater: processLeadLater,
      logger,
      now: () => clock.now().getTime(),
    }),
  );
  if (teams) http.use(teams.router); // POST /api/messages
  if (sandbox) {
    // GET /sandbox: the page's texts, clicks and thread replies reach the same use cases as Twilio's and Slack's.
    const useCases: SandboxUseCases = {
      receive: (sms) => inbound.receive(sms),
      answerLater,
      ...staffMoves,
      staffCommand: (request) => scheduler.staffCommand(request),
      tick: () => runDueWork(),
      idle: () => wakeUps.idle(),
      // After a restart the page draws the cards still open again, from the database.
      openThreads: () => listOpenThreads(database.prisma, SANDBOX_CHAT),
      currentCard: (id) => readCard(deps, id),
    };
    http.use(sandbox.routes(useCases, schedulerConfig.keywordReplies));
  }
  http.use(errorHandler(logger));

  /**
   * Work a crashed replica left half-done, found in the database: at start-up, and on every tick
   * after (a replica that died mid-answer is noticed by the others once its lease runs out, even
   * if nothing restarts). Each item is taken with a lease or an idempotency key, so replicas
   * sweeping together still answer once.
   */
  const recoverUnfinishedWork = async (atStartUp: boolean) => {
    // Texts stored but never answered. Outside start-up only once they are past the reply window
    // and a grace: a fresh one is still on its way through the replica that stored it.
    // createdAt comes from the clock (the sandbox moves it), so the age does too.
    const receivedBefore = new Date(
      clock.now().getTime() - (atStartUp ? 0 : config.replyCoalesceMs + FRESH_TEXT_GRACE_MS),
    );
    for (const id of await store.listUnhandledInbound(receivedBefore, 500)) {
      const message = await store.getMessage(id);
      if (message) answerLater(id, message.conversationId);
    }
    // Leads whose first text was never tried: tried now, once (idempotency key).
    if (atStartUp) for (const leadId of await leadStore.listPendingFirstTouches(500)) processLeadLater({ leadId });
    // Texts whose send was interrupted: asked about at the provider, never blindly re-sent.
    queue.push("outbox-reconciliation", async () => {
      for (const message of await store.listUnsettledOutbound(new Date(clock.now().getTime() - 60_000), 500)) {
        const outcome = await gateway.reconcile(message);
        if (outcome !== "skipped")
          logger.info({ conversationId: message.conversationId, outcome }, "reconciled an interrupted send");
      }
    });
  };
  await recoverUnfinishedWork(true);
  const runDueWork = async () => {
    await recoverUnfinishedWork(false);
    return scheduler.tick();
  };
  await scheduler.planDigests(config.rooftops.map((r) => r.id));

  let server: Server | undefined;
  let ticker: CronTicker | undefined;
  let recovery: NodeJS.Timeout | undefined;
  const startTicks = () => {
    // Between cron ticks: a replica that died mid-answer is replaced within seconds, not minutes.
    const recoveryEveryMs = options.recoveryEveryMs ?? (options.startScheduler ? 5_000 : undefined);
    if (recoveryEveryMs && !recovery) {
      recovery = setInterval(
        () =>
          void recoverUnfinishedWork(false).catch((error: unknown) =>
            logger.warn({ err: error }, "looking for unfinished work failed"),
          ),
        recoveryEveryMs,
      );
      recovery.unref();
    }
    if (!options.startScheduler || !schedulerConfig.cron || ticker) return;
    const tick = async () => {
      const result = await runDueWork();
      if (result.done + result.deferred + result.failed > 0) logger.info({ ...result }, "scheduled work run");
    };
    ticker = startCronTicker({ expression: schedulerConfig.cron, tick, logger });
  };
  return {
    http,
    deps,
    database: { kind: database.kind, description: database.description, prisma: database.prisma },
    brainName: brain.name,
    scheduler,
    runDueWork,
    idle: () => wakeUps.idle(),
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        // Express 5 calls back on failure too, with the error: a port in use must not read as listening.
        const s = http.listen(port, host ?? "0.0.0.0", (error?: Error) => {
          if (!error) return (startTicks(), resolve(s));
          const code = (error as NodeJS.ErrnoException).code;
          reject(code === "EADDRINUSE" ? new Error(`port ${port} is in use; set PORT to a free one`) : error);
        });
        server = s;
      }),
    async close() {
      clearInterval(recovery);
      await ticker?.stop();
      sandbox?.close();
      // No new work starts: texts not yet being answered stay in the database for another
      // replica or the next start. No new requests either; idle keep-alive connections close now.
      queue.stopStarting();
      wakeUps.close();
      const serverClosed = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
      server?.closeIdleConnections();
      // What is in progress gets a bounded grace: one hung provider call must not outlast the
      // orchestrator's patience (Docker sends SIGKILL after 10 s). Past it, crash recovery takes over.
      const graceOver = await Promise.race([
        queue.idle().then(() => false),
        new Promise<boolean>((resolve) => setTimeout(resolve, config.shutdownGraceMs ?? 8000, true).unref()),
      ]);
      if (graceOver)
        logger.warn(
          { graceMs: config.shutdownGraceMs ?? 8000 },
          "shutdown grace over: work still in progress is left to crash recovery",
        );
      server?.closeAllConnections();
      await serverClosed;
      await database.close();
    },
  };
}
