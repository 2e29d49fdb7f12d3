import type { BrainDecision, LeadFields, TradeIn, Vehicle } from "../../../core/ports/brain.js";
import type { Triage } from "./triage-schema.js";

export type MappedDecision = Omit<BrainDecision, "source" | "usage">;

/**
 * Maps the model's strict answer to the port's decision: nulls become absent fields, the
 * frustration score is clamped, and a handoff always carries a reason. Returns `undefined`
 * when there is nothing to send, which the caller treats as a failed answer.
 */
export function toDecision(triage: Triage): MappedDecision | undefined {
  const reply = triage.reply.trim();
  // A withdrawal of consent needs no reply: nothing will be sent.
  if (!reply && !triage.revokesConsent) return undefined;
  const handoff = triage.disposition === "handoff";
  return {
    department: triage.department,
    intent: triage.intent.trim() || "unknown",
    disposition: triage.disposition,
    // The schema can't tie the reason to the disposition; an unexplained handoff is still one.
    ...(handoff ? { handoffReason: triage.handoffReason ?? "cannot_answer" } : {}),
    reason: triage.reason.trim(),
    reply,
    lead: toLead(triage.lead),
    frustration: Number.isFinite(triage.frustration) ? Math.min(1, Math.max(0, triage.frustration)) : 0,
    summary: triage.summary.trim(),
    ...(triage.revokesConsent ? { revokesConsent: true } : {}),
  };
}

function toLead(lead: Triage["lead"]): LeadFields {
  const vehicle: Vehicle | undefined = lead.vehicle
    ? compact({
        year: whole(lead.vehicle.year),
        make: text(lead.vehicle.make),
        model: text(lead.vehicle.model),
        trim: text(lead.vehicle.trim),
        stock: text(lead.vehicle.stock),
        vin: text(lead.vehicle.vin),
      })
    : undefined;
  const tradeIn: TradeIn | undefined = lead.tradeIn
    ? compact({
        year: whole(lead.tradeIn.year),
        make: text(lead.tradeIn.make),
        model: text(lead.tradeIn.model),
        mileage: whole(lead.tradeIn.mileage),
      })
    : undefined;
  const timingAt = text(lead.timingAt);
  return (
    compact({
      name: text(lead.name),
      email: text(lead.email),
      vehicle,
      timing: text(lead.timing),
      // The caller may schedule on this, so an unparseable date is dropped, not passed on.
      timingAt: timingAt && !Number.isNaN(Date.parse(timingAt)) ? timingAt : undefined,
      tradeIn,
      preferredContactTime: text(lead.preferredContactTime),
    }) ?? {}
  );
}

function text(value: string | null): string | undefined {
  return value?.trim() || undefined;
}

function whole(value: number | null): number | undefined {
  return value !== null && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** Drops undefined keys; `undefined` when nothing is left, so empty objects don't reach the lead. */
function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}
