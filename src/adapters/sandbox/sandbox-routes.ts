import { fileURLToPath } from "node:url";
import express, { type ErrorRequestHandler, type Router } from "express";
import type { BatonCore } from "../../core/baton-core.js";
import { megabytes } from "../../core/media/media-rules.js";
import type { SandboxClock } from "../clock/sandbox-clock.js";
import type { SandboxSmsSender } from "../sms/sandbox/sandbox-sms-sender.js";
import { SANDBOX_CHANNEL } from "../staff-chat/sandbox/sandbox-staff-chat.js";
import { onlyThisMachine } from "./only-this-machine.js";
import type { OpenCardSource } from "./redraw-open-cards.js";
import { clockRoutes, clockState } from "./sandbox-clock-routes.js";
import { FILES_JSON_LIMIT } from "./sandbox-attachments.js";
import type { SandboxFeed } from "./sandbox-feed.js";
import type { SandboxMediaSource } from "./sandbox-media-source.js";
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
  "receiveSms" | "receiveMissedCall" | "staff" | "staffCommand" | "runDueWork" | "idle"
> {
  openThreads?: OpenCardSource["openThreads"];
}

export interface SandboxRouteDeps {
  feed: SandboxFeed;
  sms: SandboxSmsSender;
  /** The files the phones attached, until Baton fetches them (the carrier's side of an MMS). */
  media: SandboxMediaSource;
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
  // A text or a thread reply may carry pictures (base64): those two take up to one MMS's worth.
  const json = (limit: string) => express.json({ limit, type: "application/json" });
  router.use(["/sandbox/api/text", "/sandbox/api/reply"], json(FILES_JSON_LIMIT));
  router.use("/sandbox/api", json("16kb"));
  phoneRoutes(router, deps);
  staffRoutes(router, deps);
  clockRoutes(router, deps);
  router.use("/sandbox/api", bodyErrorsAsJson);
  return { router, close: stream.close };
}

/** A body too large or not JSON: said as the page reads every refusal, `{ error }`, with the parser's status. */
const bodyErrorsAsJson: ErrorRequestHandler = (error, _req, res, next) => {
  const e = error as { type?: unknown; status?: unknown; limit?: unknown };
  if (res.headersSent || typeof e?.type !== "string" || typeof e.status !== "number") return next(error);
  const limit = typeof e.limit === "number" ? e.limit : 0;
  const said: Record<string, string> = {
    "entity.too.large": `body too large: over the ${limit >= 1024 * 1024 ? megabytes(limit) : `${Math.round(limit / 1024)} kB`} this route takes`,
    "entity.parse.failed": "malformed JSON",
  };
  if (!said[e.type]) return next(error);
  res.status(e.status).json({ error: said[e.type] });
};
