// The floor: the same framework stack as Baton's webhooks with nothing behind them. Express 5,
// express.urlencoded, twilio.validateRequest on X-Twilio-Signature, empty TwiML; for Slack's
// clicks, Bolt's own signature check and the payload parsed, then an empty 200 (Bolt's ack).
// No database, no brain, no Bolt app.
import { isValidSlackRequest } from "@slack/bolt";
import express from "express";
import twilio from "twilio";
import { cpuSeconds, serveParent } from "./child.js";
import { BENCH } from "./constants.js";

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const app = express();
app.disable("x-powered-by");
app.post("/twilio/sms", express.urlencoded({ extended: false, limit: "64kb" }), (req, res) => {
  const ok = twilio.validateRequest(
    BENCH.authToken,
    req.header("x-twilio-signature") ?? "",
    BENCH.publicUrl + req.originalUrl,
    req.body ?? {},
  );
  if (!ok) {
    res.status(403).type("text/plain").send("Invalid X-Twilio-Signature");
    return;
  }
  res.status(200).type("text/xml").send(EMPTY_TWIML);
});

app.post("/slack/events", express.text({ type: "*/*", limit: "64kb" }), (req, res) => {
  const body = req.body as string;
  const ok = isValidSlackRequest({
    signingSecret: BENCH.signingSecret,
    body,
    headers: {
      "x-slack-signature": req.header("x-slack-signature") ?? "",
      "x-slack-request-timestamp": Number(req.header("x-slack-request-timestamp")),
    },
  });
  const payload = ok
    ? (JSON.parse(new URLSearchParams(body).get("payload") ?? "null") as { type?: string } | null)
    : null;
  if (payload?.type !== "block_actions") {
    res.status(401).send();
    return;
  }
  res.status(200).send();
});

const server = await new Promise<import("node:http").Server>((resolve) => {
  const s = app.listen(0, "127.0.0.1", () => resolve(s));
});
const address = server.address();
const port = typeof address === "object" && address ? address.port : 0;

serveParent(
  { url: `http://127.0.0.1:${port}` },
  {
    stats: () => ({ cpuSeconds: cpuSeconds(), rssMb: process.memoryUsage().rss / 2 ** 20 }),
    idle: () => undefined,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  },
);
