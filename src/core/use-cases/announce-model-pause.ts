import { DateTime } from "luxon";
import type { ModelFailureCause } from "../brain/model-failure.js";
import { clockOf, formatClockTime } from "../language/clock-words.js";
import type { CoreDeps } from "./core-deps.js";

type Deps = Pick<CoreDeps, "rooftops" | "staffChat" | "store" | "logger">;

const CAUSES: Record<ModelFailureCause, string> = {
  timeout: "it took longer than its time budget",
  rate_limited: "the provider is rate-limiting us (429)",
  server_error: "the provider's servers are failing (5xx)",
  network: "it cannot be reached",
  api_error: "the provider refuses the request (check the key and model name)",
  refusal: "it refused to answer",
  invalid_output: "it answers with something unusable",
  failed_verification: "its replies break Baton's rules (amounts, commitments, invented contacts)",
  unexpected: "of an unexpected error",
};

/** "2:35 PM" in the rooftop's zone, written as every other time Baton writes. */
function localTime(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return local.isValid ? formatClockTime(clockOf(local)) : at.toISOString();
}

/**
 * Tells each rooftop's managers, once per opening, that the model is paused and Baton's own
 * brain answers customers meanwhile. Every replica's breaker may open; the delivery key (per
 * rooftop and cool-down window) lets only the first one post.
 */
export async function announceModelPaused(
  deps: Deps,
  event: { model: string; at: Date; until: Date; cause: ModelFailureCause; failures: number },
): Promise<void> {
  const window = Math.floor(event.at.getTime() / Math.max(1, event.until.getTime() - event.at.getTime()));
  for (const rooftop of deps.rooftops.all()) {
    if (!(await deps.store.takeDelivery(`model-paused:${rooftop.id}:${window}`))) continue;
    const text =
      `The AI model (${event.model}) failed ${event.failures} times in a row: ${CAUSES[event.cause]}. ` +
      `Baton's own assistant answers customers until ${localTime(event.until, rooftop.timezone)}, then tries the model again. ` +
      "Customers still get answers and handoffs still come here; if this keeps happening, check the OpenAI key, quota and status.";
    const posted = await deps.staffChat.postToManagers(rooftop.id, { kind: "alert", text, orHandoffChannel: true });
    if (!posted)
      deps.logger.warn(
        { dealershipId: rooftop.id, cause: event.cause },
        "model paused, but no manager or handoff channel to tell",
      );
  }
}

/** The model answers again after a pause: said once, where the pause was announced. */
export async function announceModelBack(
  deps: Deps,
  event: { model: string; at: Date; pausedSince: Date },
): Promise<void> {
  for (const rooftop of deps.rooftops.all()) {
    // Replicas recover at slightly different moments: one post per rooftop per ten minutes.
    if (!(await deps.store.takeDelivery(`model-back:${rooftop.id}:${Math.floor(event.at.getTime() / 600_000)}`)))
      continue;
    const text = `The AI model (${event.model}) answers again (paused since ${localTime(event.pausedSince, rooftop.timezone)}).`;
    await deps.staffChat.postToManagers(rooftop.id, { kind: "alert", text, orHandoffChannel: true });
  }
}
