import type { Response } from "express";
import { z } from "zod";
import { megabytes, MMS_MAX_BYTES, MMS_MAX_FILES } from "../../core/media/media-rules.js";

/**
 * The JSON limit of the two routes that carry files (a customer's text, a rep's thread reply):
 * 5 MB of files, the most one MMS carries, is 6.7 MB as base64. Every other route keeps 16 kB.
 */
export const FILES_JSON_LIMIT = "8mb";

/**
 * A file the page attached, as JSON. Its type is not checked here: a phone sends whatever it
 * likes and Baton's own checks (type, size, contents) decide, as they do for a carrier's files.
 */
export const AttachmentJson = z.object({
  /** What the page's file input says it is ("image/png"). */
  contentType: z
    .string()
    .max(100)
    .regex(/^[\w.+-]+\/[\w.+-]+$/),
  /** The bytes, base64 (no `data:` prefix, no line breaks). */
  data: z.string(),
  /** The file's name on the computer the page runs on. */
  name: z.string().max(200).optional(),
});
export type AttachmentJson = z.infer<typeof AttachmentJson>;

export interface SandboxAttachment {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

const byteCount = (n: number) => `${n.toLocaleString("en-US")} bytes`;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes a well-formed base64 string decodes to. */
const decodedLength = (data: string) => (data.length / 4) * 3 - (data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0);

/**
 * The files of one text, decoded: at most one MMS's worth (10 files, 5 MB), each well-formed and
 * not empty. Otherwise a 400 saying what is wrong (and undefined), before anything is kept.
 */
export function readAttachments(
  files: AttachmentJson[] | undefined,
  field: string,
  res: Response,
): SandboxAttachment[] | undefined {
  const list = files ?? [];
  const refuse = (error: string): undefined => {
    res.status(400).json({ error });
    return undefined;
  };
  if (list.length > MMS_MAX_FILES)
    return refuse(`too many ${field}: ${list.length} files, over the ${MMS_MAX_FILES} one text can carry`);
  let total = 0;
  for (const [i, file] of list.entries()) {
    if (file.data.length % 4 !== 0 || !BASE64.test(file.data))
      return refuse(`invalid ${field}.${i}.data: not base64 (standard alphabet, padded, no data: prefix)`);
    if (file.data.length === 0) return refuse(`invalid ${field}.${i}.data: the file is empty`);
    total += decodedLength(file.data);
  }
  if (total > MMS_MAX_BYTES)
    return refuse(
      `${field} too large: ${byteCount(total)} in all, over the ${megabytes(MMS_MAX_BYTES)} (${byteCount(MMS_MAX_BYTES)}) one text can carry`,
    );
  return list.map((file, i) => ({
    name: file.name?.trim() || `attachment-${i + 1}`,
    contentType: file.contentType,
    bytes: new Uint8Array(Buffer.from(file.data, "base64")),
  }));
}
