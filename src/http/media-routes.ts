import express, { type Router } from "express";
import type { MediaStore } from "../core/ports/media.js";
import { isInlineImage } from "../core/media/media-rules.js";
import type { SignedMediaLinks } from "./media/signed-media-links.js";

export interface MediaRouteDeps {
  links: SignedMediaLinks;
  store: Pick<MediaStore, "read">;
}

/**
 * GET /media/:id, for signed links only (the SMS provider fetching an outbound MMS, Teams showing a
 * customer's picture). Missing, expired, forged or deleted all answer the same 404, so a link says
 * nothing about what exists. A file is served as its checked type, never sniffed, never run.
 */
export function mediaRoutes(deps: MediaRouteDeps): Router {
  const router = express.Router();
  router.get("/media/:id", async (req, res) => {
    const id = req.params.id;
    const e = typeof req.query.e === "string" ? req.query.e : undefined;
    const s = typeof req.query.s === "string" ? req.query.s : undefined;
    const file = deps.links.verify(id, e, s) ? await deps.store.read(id) : undefined;
    res.set({
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
    });
    if (!file) return void res.status(404).type("text/plain").send("Not found");
    const disposition = isInlineImage(file.contentType) ? "inline" : "attachment";
    res
      .status(200)
      .set({
        "content-type": file.contentType,
        "content-length": String(file.bytes.byteLength),
        "content-disposition": `${disposition}; filename="${file.fileName.replace(/[^\w.\- ]/g, "_")}"`,
      })
      .end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  });
  return router;
}
