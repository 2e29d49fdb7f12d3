import express, { type Router } from "express";
import type { ModelHealthReport } from "../core/brain/model-health.js";
import type { IntegrationReport } from "../runtime/integration-health.js";
import { databaseAnswered } from "./database-outage.js";

/**
 * GET /healthz: 200 when the database answers, 503 when it does not (what a load balancer acts
 * on). The body also says how each integration that is on fared last time it was used, and how
 * the model is doing (fallbacks by cause, breaker): a failing Slack, Twilio or OpenAI is for a
 * person to fix, not a reason to take the replica out of service.
 */
export function healthRoute(
  checkDatabase: () => Promise<unknown>,
  integrations: () => Record<string, IntegrationReport>,
  /** The model's answers, fallbacks by cause and its breaker; absent with the local brain alone. */
  model: () => ModelHealthReport | undefined = () => undefined,
  /** CRM deliveries given up on in the last 24 h and still waiting; absent when no rooftop has a CRM. */
  crm?: () => Promise<{ failedLast24h: number; waiting: number }>,
): Router {
  const router = express.Router();
  router.get("/healthz", async (req, res) => {
    let database: "ok" | "unavailable" = "ok";
    try {
      await checkDatabase();
      databaseAnswered(req);
    } catch {
      database = "unavailable";
    }
    const ok = database === "ok";
    const brain = model();
    const crmCounts = ok && crm ? await crm().catch(() => undefined) : undefined;
    res.status(ok ? 200 : 503).json({
      ok,
      database,
      integrations: integrations(),
      ...(brain ? { model: brain } : {}),
      ...(crmCounts ? { crm: crmCounts } : {}),
      ...(ok ? {} : { error: "database unavailable" }),
    });
  });
  return router;
}
