import { randomUUID } from "node:crypto";
import type { Router } from "express";
import { z } from "zod";
import { megabytes } from "../../core/media/media-rules.js";
import type { RepAttachment } from "../../core/use-cases/media/take-rep-attachments.js";
import { escapeMrkdwn } from "../staff-chat/slack/escape-mrkdwn.js";
import { ACTION_CLAIM, ACTION_HAND_BACK, ACTION_RESOLVE } from "../staff-chat/slack/render-handoff-card.js";
import { SANDBOX_CHANNEL } from "../staff-chat/sandbox/sandbox-staff-chat.js";
import { AttachmentJson, readAttachments, type SandboxAttachment } from "./sandbox-attachments.js";
import type { SandboxRouteDeps } from "./sandbox-routes.js";
import { readBody as body, readRep as rep } from "./sandbox-request.js";

const ActionBody = z.object({
  actionId: z.enum([ACTION_CLAIM, ACTION_HAND_BACK, ACTION_RESOLVE]),
  value: z.string().min(1),
  ts: z.string().min(1),
  repId: z.string(),
});
/** A line typed in a card's thread; `attachments`: files attached to it, base64 (then the words may be empty). */
const ReplyBody = z
  .object({
    ts: z.string().min(1),
    repId: z.string(),
    text: z.string().trim().max(1600),
    attachments: z.array(AttachmentJson).optional(),
  })
  .refine((r) => r.text.length > 0 || !!r.attachments?.length, { path: ["text"] });

/** A rep's file as the core takes it from a chat: already here, handed over within the limit it asks. */
function asRepAttachment(file: SandboxAttachment): RepAttachment {
  return {
    name: file.name,
    contentType: file.contentType,
    size: file.bytes.byteLength,
    download: async (maxBytes) => {
      if (file.bytes.byteLength > maxBytes)
        throw new Error(`${file.name} is ${megabytes(file.bytes.byteLength)}, over the ${megabytes(maxBytes)} allowed`);
      return file.bytes;
    },
  };
}

/** The simulated channel: a card's buttons and a rep's lines in its thread, to the core's staff moves. */
export function staffRoutes(router: Router, deps: SandboxRouteDeps): void {
  const { feed, clock, useCases } = deps;
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
    const files = member && readAttachments(reply.attachments, "attachments", res);
    if (!reply || !member || !files) return;
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
    // The page that sent the files shows its own copies of them in this line (by replyId).
    const replyId = randomUUID();
    feed.publish({
      type: "thread",
      ts: reply.ts,
      kind: "rep",
      rep: member,
      text: escapeMrkdwn(reply.text),
      at,
      ...(files.length ? { files: files.map((f) => ({ name: f.name, contentType: f.contentType })), replyId } : {}),
    });
    const outcome = await useCases.staff.relay({
      thread,
      rep: member,
      text: reply.text,
      deliveryKey: `sandbox:${reply.ts}:${Date.now()}:${++replySeq}`,
      ...(files.length ? { attachments: files.map(asRepAttachment) } : {}),
    });
    res.json(files.length ? { outcome, replyId } : { outcome });
  });
}
