import type { LeadVehicle } from "./lead.js";
import { vehicleName } from "./describe-vehicle.js";

export interface FirstTouchInput {
  firstName?: string;
  dealershipName: string;
  vehicle?: LeadVehicle;
  comments?: string;
}

const PRICE_CUES = /\b(price|pricing|quote|out[- ]the[- ]door|otd|best deal|discount|payments?|monthly|msrp|cost)\b/i;

/** One useful next question, from what the lead said it wants. */
function nextQuestion(input: FirstTouchInput): string {
  const interest = input.vehicle?.interest?.toLowerCase();
  const named = vehicleName(input.vehicle) !== "" || Boolean(input.vehicle?.stock);
  if (interest === "trade-in" || interest === "sell") return "About how many miles are on it?";
  if (interest === "test-drive") return "When would you like to come in for a test drive?";
  if (input.comments && PRICE_CUES.test(input.comments))
    return "Are you thinking of financing, leasing or paying cash?";
  if (interest === "lease") return "How many miles a year do you usually drive?";
  if (!named) return "What kind of vehicle are you shopping for?";
  return "When would be a good time for you to come see it?";
}

/** "the 2025 Toyota Tacoma TRD Off-Road, stock 45821", shortened when it would make the text long. */
function subject(vehicle: LeadVehicle | undefined): string | undefined {
  const name = vehicleName(vehicle);
  const interest = vehicle?.interest?.toLowerCase();
  const article = interest === "trade-in" || interest === "sell" ? "your" : "the";
  const stock = vehicle?.stock ? `stock ${vehicle.stock.slice(0, 20)}` : "";
  if (name) return `${article} ${name.slice(0, 80)}${stock ? `, ${stock}` : ""}`;
  return stock ? `${article} vehicle ${stock}` : undefined;
}

/**
 * The first text to a lead: it names the person and what they asked about, so it reads as
 * written for them, says who is texting, asks one question, and says how to opt out (CTIA:
 * the first message identifies the business and gives opt-out instructions).
 */
export function writeFirstTouch(input: FirstTouchInput): string {
  const hi = input.firstName ? `Hi ${input.firstName}, ` : "Hi, ";
  const about = subject(input.vehicle);
  const thanks = about ? `thanks for asking about ${about}.` : `thanks for reaching out to ${input.dealershipName}.`;
  const who = about ? ` This is ${input.dealershipName}.` : "";
  return `${hi}${thanks}${who} ${nextQuestion(input)} Reply STOP to opt out.`;
}

/** A first name fit for a greeting: letters only, capitalised; undefined for placeholders and junk. */
export function greetingName(name: string | undefined): string | undefined {
  const first = name?.trim().split(/\s+/)[0];
  if (!first || first.length > 24 || !/^\p{L}[\p{L}'’-]*$/u.test(first)) return undefined;
  if (/^(example|test|customer|unknown|n\/?a|none|first)$/i.test(first)) return undefined;
  const isShouting = first === first.toUpperCase() || first === first.toLowerCase();
  return isShouting ? first.charAt(0).toUpperCase() + first.slice(1).toLowerCase() : first;
}
