import express, { type Router } from "express";

/** GET /healthz: 200 when the database answers, 503 when it does not (for load balancers). */
export function healthRoute(checkDatabase: () => Promise<boolean>): Router {
  const router = express.Router();
  router.get("/healthz", async (_req, res) => {
    try {
      await checkDatabase();
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false, error: "database unavailable" });
    }
  });
  return router;
}
