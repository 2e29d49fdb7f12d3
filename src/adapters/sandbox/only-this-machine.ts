import type { RequestHandler } from "express";

const LOOPBACK_ADDRESSES = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
/** Names a browser on this machine uses; anything else may be a DNS-rebinding page. */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The sandbox answers only a browser on the machine Baton runs on: the connection must come from
 * loopback, not through a proxy (which would make every visitor look local), and name a local
 * host. `allowRemote` (SANDBOX=on) lifts this, on purpose and with a warning at start-up.
 */
export function onlyThisMachine(allowRemote: boolean): RequestHandler {
  return (req, res, next) => {
    if (allowRemote) return next();
    const loopback = LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? "");
    const proxied = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    if (loopback && !proxied && LOCAL_HOSTS.has(host)) return next();
    res
      .status(403)
      .type("text/plain")
      .send(
        `The Baton sandbox answers only on the machine it runs on: open http://localhost:${req.socket.localPort ?? 3000}/sandbox there. SANDBOX=on opens it to other machines; never do that on a public address.`,
      );
  };
}
