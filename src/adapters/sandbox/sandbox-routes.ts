import { fileURLToPath } from "node:url";
import express, { type Router } from "express";
import type { BatonCore } from "../../core/baton-core.js";
import type { SandboxClock } from "../clock/sandbox-clock.js";
import type { SandboxSmsSender } from "../sms/sandbox/sandbox-sms-sender.js";
import { SANDBOX_CHANNEL } from "../staff-chat/sandbox/sandbox-staff-chat.js";
import { onlyThisMachine } from "./only-this-machine.js";
import type { OpenCardSource } from "./redraw-open-cards.js";
import { clockRoutes, clockState } from "./sandbox-clock-routes.js";
import type { SandboxFeed } from "./sandbox-feed.js";
import { SANDBOX_CUSTOMERS, SANDBOX_REPS } from "./sandbox-people.js";
import { phoneRoutes } from "./sandbox-phone-routes.js";
import { staffRoutes } from "./sandbox-staff-routes.js";
import { createFeedStream } from "./stream-feed.js";

/**
 * What the page drives: the core's one door, as the Twilio routes and the Slack handlers use it.
 * With `openThreads`, the cards still open are drawn again after a restart.
 */
export interface SandboxUseCases extends Pick<
  BatonCore,
  "receiveSms" | "staff" | "staffCommand" | "runDueWork" | "idle"
> {
  openThreads?: OpenCardSource["openThreads"];
}

export interface SandboxRouteDeps {
  feed: SandboxFeed;
  sms: SandboxSmsSender;
  clock: SandboxClock;
  useCases: SandboxUseCases;
  dealership: { name: string; smsNumber: string; timezone: string };
  /** Who answers STOP/HELP/START keywords: "provider" means the simulated carrier does. */
  keywordReplies: "provider" | "baton";
  allowRemote: boolean;
  /** Settles once the page may load: the cards from before a restart are in the feed. */
  ready?: Promise<unknown>;
  /** The fast clock moved: how far ahead it runs now (kept across restarts). */
  clockMoved?(offsetMs: number): void;
}

const PAGE_DIR = fileURLToPath(new URL("./page/", import.meta.url));

/** GET /sandbox and its API under /sandbox/api/*, answered only on this machine unless SANDBOX=on. */
export function sandboxRoutes(deps: SandboxRouteDeps): { router: Router; close(): void } {
  const router = express.Router();
  const stream = createFeedStream(deps.feed);
  router.use("/sandbox", onlyThisMachine(deps.allowRemote));
  router.get("/sandbox", (_req, res) => res.sendFile("index.html", { root: PAGE_DIR }));
  router.use("/sandbox", express.static(PAGE_DIR, { index: false }));
  router.get("/sandbox/api/events", async (req, res) => {
    await deps.ready;
    stream.handle(req, res);
  });
  router.get("/sandbox/api/setup", (_req, res) => {
    res.json({
      dealership: deps.dealership,
      customers: SANDBOX_CUSTOMERS,
      reps: SANDBOX_REPS,
      channel: SANDBOX_CHANNEL,
      clock: clockState(deps),
    });
  });

  // Only JSON: a cross-site form cannot post it without a preflight this router never answers.
  router.use("/sandbox/api", express.json({ limit: "16kb", type: "application/json" }));
  phoneRoutes(router, deps);
  staffRoutes(router, deps);
  clockRoutes(router, deps);
  return { router, close: stream.close };
}
