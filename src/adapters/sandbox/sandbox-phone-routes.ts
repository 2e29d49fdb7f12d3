import { randomBytes } from "node:crypto";
import type { Router } from "express";
import { z } from "zod";
import { measureSms } from "../../core/compliance/sms-segments.js";
import type { MissedCallReceipt } from "../../core/use-cases/calls/missed-calls.js";
import { carrierKeywordReply } from "./carrier-keyword-reply.js";
import { AttachmentJson, readAttachments } from "./sandbox-attachments.js";
import type { SandboxRouteDeps } from "./sandbox-routes.js";
import { readBody as body } from "./sandbox-request.js";

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/);
/** A customer's text; `media`: pictures attached to it (an MMS), base64. */
const TextBody = z.object({ from: e164, body: z.string().max(1600), media: z.array(AttachmentJson).optional() });
const SignalBody = z.object({ phone: e164, reachable: z.boolean() });
/** A customer's call that no one answers: rang out (no-answer), busy, or hung up while ringing (canceled). */
const CallBody = z.object({ from: e164, outcome: z.enum(["no-answer", "busy", "canceled"]).default("no-answer") });
const newSid = () => `SM${randomBytes(16).toString("hex")}`;
/** Twilio's CallSid shape: unique per call. */
const newCallSid = () => `CA${randomBytes(16).toString("hex")}`;

/** The simulated phones: a customer's text or missed call in, and a phone's signal switched off or on. */
export function phoneRoutes(router: Router, deps: SandboxRouteDeps): void {
  const { feed, clock, useCases } = deps;
  // A customer's text: the same receive-then-answer path as POST /twilio/sms.
  router.post("/sandbox/api/text", async (req, res) => {
    const text = body(TextBody, req, res);
    const files = text && readAttachments(text.media, "media", res);
    if (!text || !files) return;
    const providerId = newSid();
    const at = clock.now().toISOString();
    const to = deps.dealership.smsNumber;
    // The carrier keeps an MMS's files and gives Baton links to them, as Twilio's MediaUrlN.
    const media = files.map((f) => ({ url: deps.media.add(f.contentType, f.bytes), contentType: f.contentType }));
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
      ...(media.length ? { media: media.map((m) => ({ contentType: m.contentType })) } : {}),
    });
    const result = await useCases.receiveSms({
      to,
      from: text.from,
      body: text.body,
      providerId,
      numMedia: media.length,
      ...(media.length ? { media } : {}),
    });
    if (!result.accepted) {
      for (const m of media) await deps.media.delete(m.url);
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

  // A customer's call no one answers: the same missed-call path as POST /twilio/voice/dial-ended.
  router.post("/sandbox/api/call", async (req, res) => {
    const call = body(CallBody, req, res);
    if (!call) return;
    const callSid = newCallSid();
    const to = deps.dealership.smsNumber;
    // On the phone at once, before the text-back Baton may send (as a text shows before its answer).
    feed.publish({
      type: "call",
      phone: call.from,
      dealerNumber: to,
      callSid,
      outcome: call.outcome,
      at: clock.now().toISOString(),
    });
    let receipt: MissedCallReceipt | undefined;
    try {
      receipt = await useCases.receiveMissedCall({ to, from: call.from, callSid, dialStatus: call.outcome });
    } finally {
      feed.publish({ type: "call_action", callSid, action: receipt?.accepted ? receipt.action : "failed" });
    }
    if (!receipt.accepted) {
      res.status(404).json({ error: receipt.reason });
      return;
    }
    res.status(202).json({ callSid, conversationId: receipt.conversationId, action: receipt.action });
  });

  router.post("/sandbox/api/signal", (req, res) => {
    const signal = body(SignalBody, req, res);
    if (!signal) return;
    deps.sms.setReachable(signal.phone, signal.reachable);
    res.status(204).end();
  });
}
