import { measureSms } from "../../../core/compliance/sms-segments.js";
import type { Knowledge } from "../../../core/knowledge/knowledge.js";
import type { Language } from "../../../core/language/detect-language.js";
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
  /** The customer's language. @default "en" */
  language?: Language;
}

export interface KnowledgeAnswer {
  text: string;
  topic: "hours" | "location" | "phone" | "faq" | "inventory";
  /** The answer already ends with the one question to ask: no follow-up question after it. */
  asks?: boolean;
}

const DIRECTIONS =
  /\bdirections?\b|\bhow (?:do|can) i get\b|\bget (?:there|to you)\b|\bcoming from\b|\bfrom i-?\d+|\bindicaciones\b|\bcomo (?:llego|le hago para llegar)\b|\bvengo de(?:sde)?\b/;
const DEPARTMENT_WORDS: [Exclude<Department, "general">, RegExp][] = [
  ["service", /\bservice\b|\bservicio\b|\btaller\b/],
  ["parts", /\bparts?\b|\bpartes\b|\bpiezas\b|\brefacciones\b|\brepuestos\b/],
  ["finance", /\bfinance\b|\bfinanzas\b|\bfinanciamiento\b/],
  ["sales", /\bsales\b|\bventas\b/],
];
/** "de ventas", "de servicio": a department's name after "el departamento". */
const DEPARTMENT_ES: Record<Exclude<Department, "general">, string> = {
  sales: "ventas",
  service: "servicio",
  parts: "partes",
  finance: "finanzas",
};

/**
 * The store's directions as it wrote them: in Spanish when it wrote them in Spanish too, else the
 * English text, introduced as such (its facts are worth more than a guess at a translation).
 */
function directionsFor(q: KnowledgeQuestion): string | undefined {
  const { directions, directionsEs } = q.knowledge;
  if (q.language !== "es") return directions;
  if (directionsEs) return directionsEs;
  return directions ? `Indicaciones (en inglés): ${directions}` : undefined;
}

function describeLocation(q: KnowledgeQuestion): string | undefined {
  const { address } = q.knowledge;
  // English directions for a Spanish text only when directions were asked for: the address says where.
  const directions =
    q.language === "es" && !q.knowledge.directionsEs && address && !DIRECTIONS.test(q.text)
      ? undefined
      : directionsFor(q);
  const at = (place: string) => (q.language === "es" ? `Estamos en ${place}.` : `We're at ${place}.`);
  const asked = DIRECTIONS.test(q.text);
  if (!address || !directions) return address ? at(address) : directions;
  const both = `${at(address)} ${directions}`;
  // Two segments at most (134 characters once Spanish accents make it UCS-2): what was asked for stays.
  if (measureSms(both).segments > 2) return asked ? directions : at(address);
  return both;
}

function describePhone(q: KnowledgeQuestion): string | undefined {
  const es = q.language === "es";
  const named = DEPARTMENT_WORDS.find(([, pattern]) => pattern.test(q.text));
  const department = named && q.knowledge.departments.find((d) => d.name === named[0] && d.phone);
  if (department) {
    return es
      ? `Puede comunicarse con el departamento de ${DEPARTMENT_ES[department.name]} al ${department.phone}.`
      : `You can reach ${department.name} at ${department.phone}.`;
  }
  if (!q.knowledge.mainPhone) return undefined;
  return es ? `Nuestro número principal es ${q.knowledge.mainPhone}.` : `Our main number is ${q.knowledge.mainPhone}.`;
}

/** An FAQ answer in the customer's language: the store's Spanish answer when it wrote one, else its own words, introduced as English. */
function faqAnswer(faq: Knowledge["faq"][number], language: Language | undefined): string {
  if (language !== "es") return faq.answer;
  return faq.answerEs ?? `Esto es lo que tenemos por escrito (en inglés): ${faq.answer}`;
}

/** Asks only a person with the repair order can answer; the FAQ never speaks to them. */
const OWN_VISIT_INTENTS = new Set([
  "service_status",
  "service_history",
  "service_cancel",
  "service_confirm",
  "vehicle_order",
]);
const VEHICLE_INTENTS = new Set([
  "vehicle_availability",
  "vehicle_info",
  "test_drive",
  "vehicle_price",
  "price_negotiation",
]);

/**
 * Answers from what the store wrote down, and only that: opening hours (with holidays and
 * whether it is open now), address and directions, phone numbers, FAQ entries, and what the
 * inventory says about a vehicle. Undefined when the knowledge has no answer.
 */
export function answerFromKnowledge(q: KnowledgeQuestion): KnowledgeAnswer | undefined {
  const faq = matchFaq(q.text, q.knowledge);
  if (q.intent === "hours") {
    const hours = describeHours(q.text, q.knowledge, q.now, q.language);
    if (hours) return { text: hours, topic: "hours" };
  }
  if (q.intent === "phone") {
    if (faq) return { text: faqAnswer(faq, q.language), topic: "faq" };
    const phone = describePhone(q);
    if (phone) return { text: phone, topic: "phone" };
  }
  if (q.intent === "location") {
    if (
      faq &&
      !DIRECTIONS.test(q.text) &&
      !/\baddress\b|\blocated\b|\bstreet\b|\bdireccion\b|\bubicad[oa]s?\b|\bcalle\b/.test(q.text)
    )
      return { text: faqAnswer(faq, q.language), topic: "faq" };
    const location = describeLocation(q);
    if (location) return { text: location, topic: "location" };
  }
  // A vehicle the customer ordered is not a unit on the lot: the listings do not answer for it.
  if (
    q.department === "sales" &&
    q.intent !== "vehicle_order" &&
    (VEHICLE_INTENTS.has(q.intent) || q.vehicle.matches.length > 0)
  ) {
    const inventory = describeInventory(q.vehicle.vehicle, q.vehicle, q.language);
    if (inventory) return { text: inventory.text, topic: "inventory", asks: inventory.asks };
  }
  // A question about this customer's own visit (how far along, what was done) is not answered by a
  // general FAQ entry: "Is my truck done? it was in for the recall" must not get the recall FAQ's "Yes."
  if (OWN_VISIT_INTENTS.has(q.intent)) return undefined;
  return faq ? { text: faqAnswer(faq, q.language), topic: "faq" } : undefined;
}
