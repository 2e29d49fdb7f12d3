import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { measureSms } from "../../core/compliance/sms-segments.js";
import type { BatonCore } from "../../core/baton-core.js";
import type { StaffMember } from "../../core/use-cases/staff-action.js";
import type { SandboxClock } from "../clock/sandbox-clock.js";
import type { SandboxSmsSender } from "../sms/sandbox/sandbox-sms-sender.js";
import { escapeMrkdwn } from "../staff-chat/slack/escape-mrkdwn.js";
import { ACTION_CLAIM, ACTION_HAND_BACK, ACTION_RESOLVE } from "../staff-chat/slack/render-handoff-card.js";
import { SANDBOX_CHANNEL } from "../staff-chat/sandbox/sandbox-staff-chat.js";
import { carrierKeywordReply } from "./carrier-keyword-reply.js";
import { onlyThisMachine } from "./only-this-machine.js";
import { createFeedStream } from "./stream-feed.js";
import { SANDBOX_CUSTOMERS, SANDBOX_REPS, findRep } from "./sandbox-people.js";
import type { SandboxFeed } from "./sandbox-feed.js";
import type { OpenCardSource } from "./redraw-open-cards.js";

/**
 * What the page drives: the core's one door, as the Twilio routes and the Slack handlers use it.
 * With `openThreads`, the cards still open are drawn again after a restart.
 */
export interface SandboxUseCases extends Pick<
  BatonCore,
  "receiveSms" | "recordDeliveryStatus" | "staff" | "staffCommand" | "idle"
> {
  /** Runs the scheduled work due now (nudges, reminders, escalations, the digest). */
  tick(): Promise<unknown>;
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

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);
const TextBody = z.object({ from: e164, body: z.string().max(1600) });
const SignalBody = z.object({ phone: e164, reachable: z.boolean() });
const ActionBody = z.object({
  actionId: z.enum([ACTION_CLAIM, ACTION_HAND_BACK, ACTION_RESOLVE]),
  value: z.string().min(1),
  ts: z.string().min(1),
  repId: z.string(),
});
const ReplyBody = z.object({ ts: z.string().min(1), repId: z.string(), text: z.string().trim().min(1).max(1600) });
/** At most a week at once; the clock is stepped 5 minutes at a time so due work runs in order. */
const ClockBody = z.object({
  advanceMs: z
    .number()
    .int()
    .min(60_000)
    .max(7 * 86_400_000),
});
const CLOCK_STEP_MS = 5 * 60_000;

const PAGE_DIR = fileURLToPath(new URL("./page/", import.meta.url));
const newSid = () => `SM${randomBytes(16).toString("hex")}`;

/** GET /sandbox and its API under /sandbox/api/*, answered only on this machine unless SANDBOX=on. */
export function sandboxRoutes(deps: SandboxRouteDeps): { router: Router; close(): void } {
  const { feed, clock, useCases } = deps;
  const router = express.Router();
  const stream = createFeedStream(feed);
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
      clock: clockState(),
    });
  });

  // Only JSON: a cross-site form cannot post it without a preflight this router never answers.
  router.use("/sandbox/api", express.json({ limit: "16kb", type: "application/json" }));
  const body = <T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined => {
    const parsed = req.is("application/json") ? schema.safeParse(req.body) : undefined;
    if (parsed?.success) return parsed.data;
    res.status(400).json({
      error: parsed ? `invalid ${parsed.error.issues[0]?.path.join(".") || "body"}` : "expected application/json",
    });
    return undefined;
  };
  const rep = (id: string, res: Response): StaffMember | undefined => {
    const found = findRep(id);
    if (!found) res.status(400).json({ error: "unknown rep" });
    return found && { id: found.id, name: found.name };
  };

  // A customer's text: the same receive-then-answer path as POST /twilio/sms.
  router.post("/sandbox/api/text", async (req, res) => {
    const text = body(TextBody, req, res);
    if (!text) return;
    const providerId = newSid();
    const at = clock.now().toISOString();
    const to = deps.dealership.smsNumber;
    feed.publish({
      type: "sms",
      direction: "in",
      phone: text.from,
      dealerNumber: to,
      body: text.body,
      providerId,
      status: "sending",
      ...measureSms(text.body),
      at,
    });
    const result = await useCases.receiveSms({ to, from: text.from, body: text.body, providerId, numMedia: 0 });
    if (!result.accepted) {
      feed.publish({ type: "status", providerId, status: "failed" });
      res.status(404).json({ error: result.reason });
      return;
    }
    feed.publish({ type: "status", providerId, status: "delivered" });
    const carrier = deps.keywordReplies === "provider" ? carrierKeywordReply(text.body) : undefined;
    if (carrier) {
      const note = "Automatic reply from the carrier (Twilio Advanced Opt-Out)";
      feed.publish({
        type: "sms",
        direction: "out",
        phone: text.from,
        dealerNumber: to,
        body: carrier,
        providerId: newSid(),
        status: "delivered",
        ...measureSms(carrier),
        at,
        note,
      });
    }
    res.status(202).json({ providerId });
  });

  router.post("/sandbox/api/signal", (req, res) => {
    const signal = body(SignalBody, req, res);
    if (!signal) return;
    deps.sms.setReachable(signal.phone, signal.reachable);
    res.status(204).end();
  });

  // A button on a card: the use case Slack's block_actions handler calls.
  router.post("/sandbox/api/action", async (req, res) => {
    const action = body(ActionBody, req, res);
    const member = action && rep(action.repId, res);
    if (!action || !member) return;
    const run = {
      [ACTION_CLAIM]: useCases.staff.claim,
      [ACTION_HAND_BACK]: useCases.staff.handBack,
      [ACTION_RESOLVE]: useCases.staff.resolve,
    }[action.actionId];
    const result = await run(action.value, member);
    if (!result.ok)
      feed.publish({
        type: "ephemeral",
        ts: action.ts,
        userId: member.id,
        text: result.notice,
        at: clock.now().toISOString(),
      });
    res.json(result);
  });

  // A line typed in a card's thread (or a /baton command typed there).
  let replySeq = 0;
  router.post("/sandbox/api/reply", async (req, res) => {
    const reply = body(ReplyBody, req, res);
    const member = reply && rep(reply.repId, res);
    if (!reply || !member) return;
    const thread = { chat: "sandbox", channel: SANDBOX_CHANNEL, ts: reply.ts };
    const at = clock.now().toISOString();
    const command = /^\/baton\b\s*(.*)$/is.exec(reply.text);
    if (command) {
      const answer = await useCases.staffCommand({
        text: command[1]!,
        rep: member,
        chat: "sandbox",
        channel: SANDBOX_CHANNEL,
        thread,
      });
      feed.publish({
        type: "ephemeral",
        ts: reply.ts,
        userId: member.id,
        text: `\`${escapeMrkdwn(reply.text)}\`\n${answer}`,
        at,
      });
      res.json({ outcome: "command" });
      return;
    }
    feed.publish({ type: "thread", ts: reply.ts, kind: "rep", rep: member, text: escapeMrkdwn(reply.text), at });
    const outcome = await useCases.staff.relay({
      thread,
      rep: member,
      text: reply.text,
      deliveryKey: `sandbox:${reply.ts}:${Date.now()}:${++replySeq}`,
    });
    res.json({ outcome });
  });

  // The fast clock: move forward in steps, running due work after each, as the cron tick would.
  let moving: Promise<unknown> = Promise.resolve();
  router.post("/sandbox/api/clock", async (req, res) => {
    const move = body(ClockBody, req, res);
    if (!move) return;
    const step = async () => {
      try {
        for (let left = move.advanceMs; left > 0; left -= CLOCK_STEP_MS) {
          clock.advance(Math.min(CLOCK_STEP_MS, left));
          await useCases.tick();
          await useCases.idle();
        }
      } finally {
        // Kept even when due work failed midway: the clock moved, and what it stamped is stored.
        deps.clockMoved?.(clock.offsetMs);
      }
    };
    moving = moving.then(step, step);
    await moving;
    feed.publish({ type: "clock", ...clockState() });
    res.json(clockState());
  });

  function clockState() {
    return { now: clock.now().toISOString(), offsetMs: clock.offsetMs };
  }
  return { router, close: stream.close };
}
