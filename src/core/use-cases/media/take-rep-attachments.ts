import { createHash } from "node:crypto";
import {
  allowedType,
  checkMedia,
  describeType,
  isAnyImage,
  megabytes,
  MMS_MAX_BYTES,
  MMS_MAX_FILES,
  safeFileName,
  sniffImageType,
} from "../../media/media-rules.js";
import type { Conversation } from "../../conversation/conversation.js";
import type { CoreDeps } from "../core-deps.js";

/** A file a rep attached to a thread reply, as the chat describes it; downloaded only once the rules allow it. */
export interface RepAttachment {
  name: string;
  /** What the chat says it is; checked again against the bytes. */
  contentType: string;
  /** What the chat says it weighs; checked again once downloaded. */
  size: number;
  /** The bytes, with the chat's own credentials, from the chat's own host; at most `maxBytes`. */
  download(maxBytes: number): Promise<Uint8Array>;
}

export type TakenAttachments = { ok: true; mediaIds: string[] } | { ok: false; why: string };

/**
 * A rep's files for one MMS, all or nothing: at most ten, only photos, PDFs and contact cards,
 * 5 MB in all (Twilio's limits), each file what it says it is; stored, so the provider fetches
 * them from Baton's signed links. `why` is written for the rep. Ids follow the chat's delivery
 * key, so a redelivered reply stores nothing twice.
 */
export async function takeRepAttachments(
  deps: CoreDeps,
  conversation: Conversation,
  attachments: RepAttachment[],
  deliveryKey: string,
): Promise<TakenAttachments> {
  const media = deps.media;
  if (!media?.links)
    return {
      ok: false,
      why: "this Baton cannot send pictures (it needs PUBLIC_URL, where the SMS provider fetches them)",
    };
  // Twilio's MMS reaches US and Canadian numbers only: not the rest of +1 (the Caribbean's +1 876, +1 809…).
  const country = deps.phones?.classify(conversation.customer.phone).country;
  if (!conversation.customer.phone.startsWith("+1") || (country !== undefined && country !== "US" && country !== "CA"))
    return { ok: false, why: "picture messages (MMS) reach only US and Canadian numbers; send the words alone" };
  if (attachments.length > MMS_MAX_FILES)
    return { ok: false, why: `${attachments.length} files is more than one text can carry (at most ${MMS_MAX_FILES})` };
  const refused = attachments.find((a) => !allowedType(a.contentType) && !isAnyImage(a.contentType));
  if (refused)
    return {
      ok: false,
      why: `${refused.name} is ${describeType(refused.contentType)}; only photos (JPEG, PNG, GIF, HEIC), PDFs and contact cards can be texted`,
    };
  const declared = attachments.reduce((n, a) => n + a.size, 0);
  if (declared > MMS_MAX_BYTES)
    return {
      ok: false,
      why: `the files weigh ${megabytes(declared)}, over the ${megabytes(MMS_MAX_BYTES)} a text can carry`,
    };

  const files = [];
  let total = 0;
  for (const [position, attachment] of attachments.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = await attachment.download(MMS_MAX_BYTES - total);
    } catch (error) {
      deps.logger.warn({ err: error, conversationId: conversation.id }, "could not download a rep's attachment");
      return {
        ok: false,
        why: `Baton could not download ${attachment.name} from the chat (${error instanceof Error ? error.message : "error"})`,
      };
    }
    total += bytes.byteLength;
    const declared = isAnyImage(attachment.contentType) ? sniffImageType(bytes) : attachment.contentType;
    const verdict = checkMedia(declared, bytes, MMS_MAX_BYTES);
    if (!verdict.ok) return { ok: false, why: `${attachment.name}: ${verdict.why}` };
    if (total > MMS_MAX_BYTES)
      return { ok: false, why: `the files weigh over the ${megabytes(MMS_MAX_BYTES)} a text can carry` };
    files.push({
      id: createHash("sha256").update(`${deliveryKey}:${position}`).digest("base64url").slice(0, 32),
      conversationId: conversation.id,
      position,
      contentType: verdict.contentType,
      fileName: safeFileName(attachment.name, verdict.contentType, `file-${position + 1}`),
      bytes,
      at: deps.clock.now(),
    });
  }
  await media.store.saveOutbound(files);
  return { ok: true, mediaIds: files.map((f) => f.id) };
}
