import { firstNameOf } from "../handoff/build-handoff-card.js";
import type { Department, LeadFields } from "../ports/brain.js";

/** What a follow-up text may lean on: the customer's first name and what they came for. */
export interface LeadContext {
  firstName?: string;
  /** "the 2024 Toyota Tacoma", "your service visit", or undefined when nothing is known. */
  subject?: string;
  timing?: string;
}

export function describeLead(lead: LeadFields, department: Department, customerName?: string): LeadContext {
  const v = lead.vehicle;
  const vehicle = v ? [v.year, v.make, v.model, v.trim].filter(Boolean).join(" ") : "";
  const subject = vehicle
    ? department === "service" ? `your ${vehicle}` : `the ${vehicle}`
    : department === "service" ? "your service visit"
    : department === "parts" ? "the part you asked about"
    : department === "finance" ? "your financing question"
    : undefined;
  return { firstName: firstNameOf(lead.name ?? customerName), subject, timing: lead.timing };
}

/** "Hi Dana, " / "Hi, ": a greeting that never invents a name. */
export function greeting(context: LeadContext): string {
  return context.firstName ? `Hi ${context.firstName}, ` : "Hi, ";
}
