import type { LeadFields } from "../ports/brain.js";

/**
 * The lead's known fields as label/value pairs, in the order a rep reads them. Shared by
 * every staff-chat card (Slack, Teams, the sandbox), so they all show the same facts.
 */
export function leadFacts(lead: LeadFields, maskedPhone: string): [string, string][] {
  const v = lead.vehicle;
  const vehicle = v
    ? [v.year, v.make, v.model, v.trim].filter(Boolean).join(" ") +
      (v.stock ? ` (stock ${v.stock})` : "") +
      (v.vin ? ` VIN ${v.vin}` : "")
    : "";
  const t = lead.tradeIn;
  const trade = t
    ? [t.year, t.make, t.model].filter(Boolean).join(" ") +
      (t.mileage ? `, ${t.mileage.toLocaleString("en-US")} mi` : "")
    : "";
  const facts: [string, string | undefined][] = [
    ["Name", lead.name],
    ["Phone", maskedPhone],
    ["Vehicle", vehicle.trim() || undefined],
    ["Timing", lead.timing],
    ["Trade-in", trade.trim() || undefined],
    ["Email", lead.email],
    ["Best time to reach", lead.preferredContactTime],
  ];
  return facts.filter((f): f is [string, string] => Boolean(f[1]));
}
