import type { BrainInput, Department, LeadFields, Vehicle } from "../../../core/ports/brain.js";

export interface SummaryFacts {
  department: Department;
  intent: string;
  /** Why a person is needed, when one is. */
  handoffWhy?: string;
  lead: LeadFields;
}

function quote(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 3)}...` : flat}"`;
}

function describeVehicle(v: Vehicle): string {
  const words = [v.year, v.make, v.model, v.trim].filter(Boolean).join(" ");
  const ids = [v.stock && `stock ${v.stock}`, v.vin && `VIN ${v.vin}`].filter(Boolean).join(", ");
  return [words, ids && `(${ids})`].filter(Boolean).join(" ");
}

/**
 * The running summary a rep reads on the handoff card: what is asked, what is known, the
 * customer's latest words and the two before them.
 */
export function summarise(input: BrainInput, facts: SummaryFacts): string {
  const { lead } = facts;
  const parts = [
    `${facts.department[0]!.toUpperCase()}${facts.department.slice(1)}: ${facts.intent.replace(/_/g, " ")}.`,
  ];
  if (facts.handoffWhy) parts.push(`Needs a person: ${facts.handoffWhy}.`);
  const known = [
    lead.name && `Name: ${lead.name}`,
    lead.email && `Email: ${lead.email}`,
    lead.vehicle && describeVehicle(lead.vehicle) && `Vehicle: ${describeVehicle(lead.vehicle)}`,
    lead.tradeIn &&
      `Trade-in: ${[lead.tradeIn.year, lead.tradeIn.make, lead.tradeIn.model].filter(Boolean).join(" ")}${lead.tradeIn.mileage ? `, ${lead.tradeIn.mileage} mi` : ""}`,
    lead.timing && `When: ${lead.timing}${lead.timingAt ? ` (${lead.timingAt})` : ""}`,
  ].filter(Boolean);
  if (known.length) parts.push(`${known.join(". ")}.`);
  parts.push(`Latest: ${quote(input.text, 160)}.`);
  const earlier = input.history.filter((h) => h.author === "customer").slice(-2);
  if (earlier.length) parts.push(`Earlier: ${earlier.map((h) => quote(h.body, 80)).join(" / ")}.`);
  return parts.join(" ");
}
