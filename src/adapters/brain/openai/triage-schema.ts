import { z } from "zod";
import { DEPARTMENTS, type HandoffReason } from "../../../core/ports/brain.js";

/**
 * The one structured answer the model gives per inbound text.
 *
 * Strict Structured Outputs requires every property to be present, so "unknown" is `null`,
 * never a missing key; `to-decision.ts` turns nulls back into the port's optional fields.
 * Ranges (frustration 0..1, SMS length) are stated in descriptions and enforced when mapping,
 * not with JSON Schema bounds: a reply of 1.02 should be clamped, not thrown away.
 */

/** The reasons a model may give. "guardrail" and "brain_failure" are decided by code only. */
export const MODEL_HANDOFF_REASONS = [
  "price",
  "trade_in",
  "financing",
  "complaint",
  "asked_for_person",
  "cannot_answer",
] as const satisfies readonly HandoffReason[];

const text = (description: string) => z.string().nullable().describe(description);
// Not .int(): zod 4 renders it with ±2^53 bounds, noise to the model; to-decision.ts rounds.
const whole = (description: string) => z.number().nullable().describe(`${description}; a whole number`);

const VehicleSchema = z
  .object({
    year: whole("Model year, e.g. 2024"),
    make: text("e.g. Toyota"),
    model: text("e.g. RAV4"),
    trim: text("e.g. XLE"),
    stock: text("Dealership stock number"),
    vin: text("17-character VIN"),
  })
  .nullable()
  .describe("The vehicle the customer is interested in, or null");

const TradeInSchema = z
  .object({
    year: whole("Model year"),
    make: text("Make"),
    model: text("Model"),
    mileage: whole("Odometer miles"),
  })
  .nullable()
  .describe("The car the customer wants to trade in, or null");

export const TriageSchema = z.object({
  department: z.enum(DEPARTMENTS).describe("Department of the main ask; hours questions are general"),
  intent: z.string().describe("Short snake_case label of the ask, e.g. test_drive, service_booking"),
  disposition: z
    .enum(["answer", "follow_up", "handoff"])
    .describe(
      "answer: replied from the facts; follow_up: asked for a missing detail; handoff: a person must take over",
    ),
  handoffReason: z
    .enum(MODEL_HANDOFF_REASONS)
    .nullable()
    .describe("Required when disposition is handoff, otherwise null"),
  reason: z.string().describe("One line for a dealership rep: why this disposition"),
  reply: z.string().describe("The SMS to send: plain text, at most 300 characters"),
  lead: z
    .object({
      name: text("Customer's name"),
      email: text("Customer's email"),
      vehicle: VehicleSchema,
      timing: text("The customer's own words for when, e.g. 'tomorrow after 5'"),
      timingAt: text("That time as ISO 8601 with offset in the dealership's time zone, if it can be resolved"),
      tradeIn: TradeInSchema,
      preferredContactTime: text("When the customer prefers to be contacted"),
    })
    .describe("Only what this text newly states or corrects; null for everything else"),
  frustration: z.number().describe("0 calm to 1 furious"),
  revokesConsent: z
    .boolean()
    .describe(
      "true when the new text withdraws consent to be texted, in any words or language (stop texting me, leave me alone, no más mensajes)",
    ),
  summary: z.string().describe("Running summary for the rep who takes over: the ask, the facts gathered, what is open"),
});

export type Triage = z.infer<typeof TriageSchema>;
