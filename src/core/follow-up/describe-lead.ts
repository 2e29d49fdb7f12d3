import { firstNameOf } from "../handoff/build-handoff-card.js";
import type { Language } from "../language/detect-language.js";
import type { Department, LeadFields } from "../ports/brain.js";

/** What a follow-up text may lean on: the customer's first name and what they came for. */
export interface LeadContext {
  firstName?: string;
  /** "the 2024 Toyota Tacoma", "your service visit", or undefined when nothing is known. */
  subject?: string;
  timing?: string;
  /** The conversation's language: follow-up texts are written in it. @default "en" */
  language?: Language;
}

export function describeLead(
  lead: LeadFields,
  department: Department,
  customerName?: string,
  language: Language = "en",
): LeadContext {
  const v = lead.vehicle;
  if (language === "es")
    return {
      ...describeLeadEs(lead, department),
      firstName: firstNameOf(lead.name ?? customerName),
      timing: lead.timing,
      language,
    };
  const vehicle = v ? [v.year, v.make, v.model, v.trim].filter(Boolean).join(" ") : "";
  const subject = vehicle
    ? department === "service"
      ? `your ${vehicle}`
      : `the ${vehicle}`
    : department === "service"
      ? "your service visit"
      : department === "parts"
        ? "the part you asked about"
        : department === "finance"
          ? "your financing question"
          : undefined;
  return { firstName: firstNameOf(lead.name ?? customerName), subject, timing: lead.timing };
}

/** "el Toyota Tacoma 2024" (a car model is "el" in Spanish), "su visita de servicio". */
function describeLeadEs(lead: LeadFields, department: Department): { subject?: string } {
  const v = lead.vehicle;
  const vehicle = v ? [v.make, v.model, v.trim, v.year].filter(Boolean).join(" ") : "";
  if (vehicle) return { subject: department === "service" ? `su ${vehicle}` : `el ${vehicle}` };
  const subject =
    department === "service"
      ? "su visita de servicio"
      : department === "parts"
        ? "la pieza que nos preguntó"
        : department === "finance"
          ? "su pregunta sobre financiamiento"
          : undefined;
  return { subject };
}

/** "Hi Dana, " / "Hi, " ("Hola Dana, " / "Hola, "): a greeting that never invents a name. */
export function greeting(context: LeadContext): string {
  if (context.language === "es") return context.firstName ? `Hola ${context.firstName}, ` : "Hola, ";
  return context.firstName ? `Hi ${context.firstName}, ` : "Hi, ";
}
