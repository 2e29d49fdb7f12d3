import express, { type Router } from "express";
import { once } from "node:events";
import type { MediaStore } from "../core/ports/media.js";
import { isInlineImage } from "../core/media/media-rules.js";
import type { SignedMediaLinks } from "./media/signed-media-links.js";

export interface MediaRouteDeps {
  links: SignedMediaLinks;
  store: Pick<MediaStore, "open">;
}

/** How much of a file is read from the database and written to the answer at a time. */
const CHUNK_BYTES = 512 * 1024;

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
    const opened = deps.links.verify(id, e, s) ? await deps.store.open(id, CHUNK_BYTES) : undefined;
    res.set({
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
    });
    if (!opened) return void res.status(404).type("text/plain").send("Not found");
    const { file, chunks } = opened;
    const disposition = isInlineImage(file.contentType) ? "inline" : "attachment";
    res.status(200).set({
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": `${disposition}; filename="${file.fileName.replace(/[^\w.\- ]/g, "_")}"`,
    });
    // Piece by piece, waiting for the reader: a 5 MB photo never sits whole in memory here.
    for await (const chunk of chunks) {
      if (res.destroyed) return; // the reader went away: stop reading the database
      if (!res.write(chunk)) await Promise.race([once(res, "drain"), once(res, "close")]);
    }
    res.end();
  });
  return router;
}
