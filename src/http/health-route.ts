import express, { type Router } from "express";
import type { IntegrationReport } from "../runtime/integration-health.js";

/**
 * GET /healthz: 200 when the database answers, 503 when it does not (what a load balancer acts
 * on). The body also says how each integration that is on fared last time it was used: a failing
 * Slack or Twilio is for a person to fix, not a reason to take the replica out of service.
 */
export function healthRoute(checkDatabase: () => Promise<unknown>, integrations: () => Record<string, IntegrationReport>): Router {
  const router = express.Router();
  router.get("/healthz", async (_req, res) => {
    let database: "ok" | "unavailable" = "ok";
    try {
      await checkDatabase();
    } catch {
      database = "unavailable";
    }
    const ok = database === "ok";
    res.status(ok ? 200 : 503).json({ ok, database, integrations: integrations(), ...(ok ? {} : { error: "database unavailable" }) });
  });
  return router;
}
