import { ManualClock } from "../../src/adapters/clock/manual-clock.js";
import { PrismaConversationStore } from "../../src/adapters/store/prisma/prisma-conversation-store.js";
import { PrismaFollowUpStore } from "../../src/adapters/store/prisma/prisma-follow-up-store.js";
import { PrismaJobStore } from "../../src/adapters/store/prisma/prisma-job-store.js";
import type { Rooftop } from "../../src/config/config.js";
import type { BatonPorts, BatonSettings } from "../../src/core/baton-core.js";
import { createBatonCore } from "../../src/core/create-baton-core.js";
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from "../../src/core/follow-up/settings.js";
import { KnowledgeSchema } from "../../src/core/knowledge/knowledge.js";
import { silentLogger } from "../../src/core/ports/logger.js";
import { createRooftopDirectory } from "../../src/runtime/rooftop-directory.js";
import { RecordingSmsSender, RecordingStaffChat } from "./recording-ports.js";
import { ScriptedBrain } from "./scripted-brain.js";
import { createTestDatabase, type TestDatabase, type TestStoreKind } from "./test-database.js";

export const DEALER = "+15125550100";
export const CUSTOMER = "+15125550188";
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export interface HarnessOptions {
  kind: TestStoreKind;
  /** ISO instant the clock starts at. */
  start: string;
  timezone?: string;
  settings?: Partial<FollowUpSettings>;
  knowledge?: Record<string, unknown>;
  keywordReplies?: "provider" | "baton";
  /** Quiet hours and pace in the gateway. @default true */
  pacing?: boolean;
  /** Texts within this many ms are answered as one turn (REPLY_COALESCE_MS); 0 by default, each text on its own. */
  replyCoalesceMs?: number;
}

/**
 * The core on a real database with a manual clock, a scripted brain and recording SMS and chat:
 * what a replica runs, minus HTTP and vendor SDKs.
 */
export async function startFollowUpHarness(options: HarnessOptions) {
  const db: TestDatabase = await createTestDatabase({ kind: options.kind });
  const clock = new ManualClock(options.start);
  const timezone = options.timezone ?? "America/Chicago";
  const rooftop: Rooftop = {
    id: "main",
    name: "Maple Ridge Motors",
    timezone,
    smsNumber: DEALER,
    knowledge: KnowledgeSchema.parse({
      name: "Maple Ridge Motors",
      timezone,
      address: "100 Maple Ridge Rd",
      mainPhone: "+1 512-555-0100",
      ...options.knowledge,
    }),
    followUps: { ...DEFAULT_FOLLOW_UP_SETTINGS, ...options.settings },
  };
  const rooftops = createRooftopDirectory([rooftop]);
  const store = new PrismaConversationStore(db.prisma);
  await store.ensureDealership({ id: "main", name: rooftop.name, timezone, smsNumber: DEALER });
  const jobs = new PrismaJobStore(db.prisma);
  const followUpStore = new PrismaFollowUpStore(db.prisma);
  const sender = new RecordingSmsSender();
  const chat = new RecordingStaffChat();
  const brain = new ScriptedBrain(clock);
  const ports: BatonPorts = {
    store,
    jobs,
    followUpStore,
    sender,
    staffChat: chat,
    brain,
    clock,
    logger: silentLogger,
    rooftops,
  };
  const settings: BatonSettings = {
    workerId: "test",
    keywordReplies: options.keywordReplies,
    pacing: options.pacing !== false,
    replyCoalesceMs: options.replyCoalesceMs,
  };
  // The same core a replica runs; a second one over the same ports is a second replica.
  const core = createBatonCore(ports, settings);
  const deps = core.deps;
  let sid = 0;

  return {
    db,
    clock,
    store,
    jobs,
    followUpStore,
    sender,
    chat,
    brain,
    deps,
    core,
    /** The tick, digests and staff commands, as the cron and the chats reach them. */
    scheduler: core,
    /** Another replica on the same database and outside world. */
    replica: (workerId: string) => createBatonCore(ports, { ...settings, workerId }),
    /** A customer text, stored and answered as the webhook and its queue would. */
    async text(body: string, from = CUSTOMER): Promise<string> {
      const received = await core.receiveSms({
        to: DEALER,
        from,
        body,
        providerId: `SM${String(++sid).padStart(32, "f")}`,
        numMedia: 0,
      });
      if (!received.accepted) throw new Error("not accepted");
      await core.idle();
      return received.conversationId;
    },
    /** Moves the clock and runs what is due, as the cron tick would. */
    async advance(ms: number) {
      clock.advance(ms);
      return core.tick();
    },
    async advanceTo(iso: string) {
      clock.set(iso);
      return core.tick();
    },
    /** Bodies texted to the customer so far. */
    texts: () => sender.sent.map((m) => m.body),
    pendingJobs: (type?: string) =>
      db.prisma.scheduledJob.findMany({
        where: { status: "pending", ...(type ? { type } : {}) },
        orderBy: { dueAt: "asc" },
      }),
    close: () => db.close(),
  };
}

export type FollowUpHarness = Awaited<ReturnType<typeof startFollowUpHarness>>;
