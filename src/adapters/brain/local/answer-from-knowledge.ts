import type { Knowledge } from "../../../core/knowledge/knowledge.js";
import type { Department } from "../../../core/ports/brain.js";
import { describeHours } from "./describe-hours.js";
import { describeInventory } from "./describe-inventory.js";
import type { VehicleFinding } from "./extract-vehicle.js";
import { matchFaq } from "./match-faq.js";

export interface KnowledgeQuestion {
  /** Normalised text. */
  text: string;
  department: Department;
  intent: string;
  vehicle: VehicleFinding;
  knowledge: Knowledge;
  now: Date;
}

export interface KnowledgeAnswer {
  text: string;
  topic: "hours" | "location" | "phone" | "faq" | "inventory";
  /** The answer already ends with the one question to ask: no follow-up question after it. */
  asks?: boolean;
}

const DIRECTIONS = /\bdirections?\b|\bhow (?:do|can) i get\b|\bget (?:there|to you)\b|\bcoming from\b|\bfrom i-?\d+/;
const DEPARTMENT_WORDS: [Exclude<Department, "general">, RegExp][] = [
  ["service", /\bservice\b/],
  ["parts", /\bparts?\b/],
  ["finance", /\bfinance\b/],
  ["sales", /\bsales\b/],
];

function describeLocation(q: KnowledgeQuestion): string | undefined {
  const { address, directions } = q.knowledge;
  if (DIRECTIONS.test(q.text) && directions) return address ? `We're at ${address}. ${directions}` : directions;
  if (address) return `We're at ${address}.${directions ? ` ${directions}` : ""}`;
  return directions;
}

function describePhone(q: KnowledgeQuestion): string | undefined {
  const named = DEPARTMENT_WORDS.find(([, pattern]) => pattern.test(q.text));
  const department = named && q.knowledge.departments.find((d) => d.name === named[0] && d.phone);
  if (department) return `You can reach ${department.name} at ${department.phone}.`;
  return q.knowledge.mainPhone ? `Our main number is ${q.knowledge.mainPhone}.` : undefined;
}

/** Asks only a person with the repair order can answer; the FAQ never speaks to them. */
const OWN_VISIT_INTENTS = new Set(["service_status", "service_history", "service_cancel", "service_confirm", "vehicle_order"]);
const VEHICLE_INTENTS = new Set(["vehicle_availability", "vehicle_info", "test_drive", "vehicle_price", "price_negotiation"]);

/**
 * Answers from what the store wrote down, and only that: opening hours (with holidays and
 * whether it is open now), address and directions, phone numbers, FAQ entries, and what the
 * inventory says about a vehicle. Undefined when the knowledge has no answer.
 */
export function answerFromKnowledge(q: KnowledgeQuestion): KnowledgeAnswer | undefined {
  const faq = matchFaq(q.text, q.knowledge);
  if (q.intent === "hours") {
    const hours = describeHours(q.text, q.knowledge, q.now);
    if (hours) return { text: hours, topic: "hours" };
  }
  if (q.intent === "phone") {
    if (faq) return { text: faq.answer, topic: "faq" };
    const phone = describePhone(q);
    if (phone) return { text: phone, topic: "phone" };
  }
  if (q.intent === "location") {
    if (faq && !DIRECTIONS.test(q.text) && !/\baddress\b|\blocated\b|\bstreet\b/.test(q.text)) return { text: faq.answer, topic: "faq" };
    const location = describeLocation(q);
    if (location) return { text: location, topic: "location" };
  }
  // A vehicle the customer ordered is not a unit on the lot: the listings do not answer for it.
  if (q.department === "sales" && q.intent !== "vehicle_order" && (VEHICLE_INTENTS.has(q.intent) || q.vehicle.matches.length > 0)) {
    const inventory = describeInventory(q.vehicle.vehicle, q.vehicle);
    if (inventory) return { text: inventory.text, topic: "inventory", asks: inventory.asks };
  }
  // A question about this customer's own visit (how far along, what was done) is not answered by a
  // general FAQ entry: "Is my truck done? it was in for the recall" must not get the recall FAQ's "Yes."
  if (OWN_VISIT_INTENTS.has(q.intent)) return undefined;
  return faq ? { text: faq.answer, topic: "faq" } : undefined;
}
