import { z } from "zod";
import type { IncomingLead, LeadVehicle } from "../../../core/leads/lead.js";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

const VehicleObject = z.object({
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  make: text(60),
  model: text(80),
  trim: text(80),
  stock: text(40),
  vin: text(17),
  condition: z.enum(["new", "used"]).optional(),
  interest: z.enum(["buy", "lease", "sell", "trade-in", "test-drive"]).optional(),
});

/**
 * POST /leads/form: a website's contact form as JSON. A contact is needed (phone or e-mail);
 * `smsConsent` must be exactly `true` for Baton to text (the box the customer ticked).
 */
export const LeadFormSchema = z.object({
  name: text(120),
  firstName: text(60),
  lastName: text(60),
  phone: text(40),
  email: z
    .email("a valid e-mail address")
    .max(254)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  vehicle: z.union([z.string().trim().max(200), VehicleObject]).optional(),
  message: text(5000),
  smsConsent: z.boolean("true or false (a JSON boolean)").optional(),
  /** The consent wording next to the box, stored with the lead as the record of what was agreed. */
  consentText: text(2000),
  /** The website's own id for this submission: a resubmission with the same id is not taken twice. */
  leadId: text(200),
  /** Where on the site (a page, a campaign); shown to the rep. */
  source: text(200),
  /** When to reach the customer, as they said it. */
  timeframe: text(200),
});
export type LeadForm = z.infer<typeof LeadFormSchema>;

/** "2025 Toyota Tacoma TRD Off-Road" → year 2025, make Toyota, model "Tacoma TRD Off-Road". */
export function parseVehicleText(value: string): LeadVehicle | undefined {
  const match = /^((?:19|20)\d{2})\s+(\S+)\s*(.*)$/.exec(value.trim());
  if (match) return { year: Number(match[1]), make: match[2], model: match[3] || undefined };
  return value.trim() ? { model: value.trim() } : undefined;
}

export function formToLead(form: LeadForm): IncomingLead {
  const name = form.name ?? ([form.firstName, form.lastName].filter(Boolean).join(" ") || undefined);
  const vehicle = typeof form.vehicle === "string" ? parseVehicleText(form.vehicle) : form.vehicle;
  return {
    channel: "form",
    providerLeadId: form.leadId,
    provider: { name: form.source ?? "Website" },
    customer: {
      name,
      phones: form.phone ? [{ number: form.phone }] : [],
      email: form.email,
      timeframe: form.timeframe,
    },
    vehicle,
    comments: form.message,
    smsConsent: form.smsConsent === true,
    consentText: form.consentText,
  };
}

/** The first problem as "field: what is expected", for a 400 the website developer can act on. */
export function describeFormIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join(".") || "body"}: ${issue.message}`;
}
