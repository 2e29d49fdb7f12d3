import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import type { SandboxFeed } from "./sandbox-feed.js";

/**
 * GET /sandbox/api/events: the feed as server-sent events. A fresh page gets everything kept,
 * then each new event; a reconnecting page (Last-Event-ID) only what it missed, unless Baton
 * restarted in between, in which case it is told to start over.
 */
export function createFeedStream(feed: SandboxFeed) {
  const boot = randomBytes(3).toString("hex");
  const open = new Set<Response>();

  function handle(req: Request, res: Response): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    // Node holds the headers until the first write: send them now, or an empty feed looks
    // unconnected until the first heartbeat.
    res.flushHeaders();
    const [lastBoot, lastId] = (req.header("last-event-id") ?? "").split("-");
    const resume = lastBoot === boot ? Number(lastId) || 0 : 0;
    if (lastBoot && lastBoot !== boot) res.write(`data: ${JSON.stringify({ type: "reset" })}\n\n`);
    const send = (entry: { id: number }) => res.write(`id: ${boot}-${entry.id}\ndata: ${JSON.stringify(entry)}\n\n`);
    for (const entry of feed.since(resume)) send(entry);

    const unsubscribe = feed.subscribe(send);
    const heartbeat = setInterval(() => res.write(": still here\n\n"), 15_000);
    open.add(res);
    res.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    });
  }

  /** Ends every open stream, so the server can close (a browser tab would hold it open). */
  function close(): void {
    for (const res of open) res.end();
    open.clear();
  }

  return { handle, close };
}
