import { randomBytes } from "node:crypto";
import type { Router } from "express";
import { z } from "zod";
import { measureSms } from "../../core/compliance/sms-segments.js";
import { carrierKeywordReply } from "./carrier-keyword-reply.js";
import type { SandboxRouteDeps } from "./sandbox-routes.js";
import { readBody as body } from "./sandbox-request.js";

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);
const TextBody = z.object({ from: e164, body: z.string().max(1600) });
const SignalBody = z.object({ phone: e164, reachable: z.boolean() });
const newSid = () => `SM${randomBytes(16).toString("hex")}`;

/** The simulated phones: a customer's text in, and a phone's signal switched off or on. */
export function phoneRoutes(router: Router, deps: SandboxRouteDeps): void {
  const { feed, clock, useCases } = deps;
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
}
