import { describeReason } from "../../../core/handoff/describe-reason.js";
import type { Language } from "../../../core/language/detect-language.js";
import type { Department, HandoffReason } from "../../../core/ports/brain.js";
import type { TextJudgement } from "../../../core/ports/text-judge.js";
import type { DepartmentGuess } from "./classify-department.js";
import type { HandoffFinding } from "./detect-handoff.js";

/**
 * Where the trained judge and the hand-written rules meet. The rules are precise where they
 * fire; the judge reads the long tail (a story told calmly, Spanish, "what's the damage").
 */
export const JUDGMENT_POLICY = {
  /** The judge's certainty a person is needed, when the store's facts answer the very question (hours, address, a phone number). */
  personWhenFactual: 0.99,
  /** …when the rules read a greeting or thanks (sarcasm gets through above it). */
  personWhenPleasantry: 0.9,
  /** …when the store's facts hold the answer (a listed vehicle, an FAQ entry, the hours). */
  personWhenAnswered: 0.7,
  /** …when the rules recognised an ask the store's facts answer or a booking settles. */
  personWhenGrounded: 0.4,
  /** …when they recognised a topic (a repair, a recall) but nothing the facts answer: a story may be a complaint. */
  personWhenTopical: 0.15,
  /** …in Spanish, where the rules recognise little: the judge carries the ask. */
  personInSpanish: 0.25,
  /** …and when the rules recognised nothing: closed world, the doubt goes to a person. */
  personWhenUnrecognised: 0.1,
  /** The rules' department stands unless the judge is at least this sure of another. */
  departmentOverride: 0.85,
  /** Rule scores below this are no real evidence of a department. */
  ruleEvidence: 1.5,
} as const;

/** Intents that mean the rules found nothing they can act on. */
const UNRECOGNISED = new Set(["out_of_scope"]);
/** Asks the store's knowledge answers or a booking settles: hours, places, listed cars, test drives, thanks. */
const GROUNDED = new Set([
  "hours",
  "location",
  "phone",
  "amenities",
  "visit",
  "identity",
  "employment",
  "vehicle_availability",
  "vehicle_info",
  "test_drive",
  "service_booking",
  "service_confirm",
  "service_cancel",
  "service_status",
  "service_history",
  "maintenance",
  "parts_availability",
  "parts_price",
]);
const PLEASANTRIES = new Set(["greeting", "goodbye", "thanks", "acknowledgement"]);
const FACTUAL = new Set(["hours", "location", "phone"]);

export function isRecognised(guess: DepartmentGuess): boolean {
  return !UNRECOGNISED.has(guess.intent);
}

function personThreshold(guess: DepartmentGuess): number {
  if (!isRecognised(guess)) return JUDGMENT_POLICY.personWhenUnrecognised;
  if (FACTUAL.has(guess.intent)) return JUDGMENT_POLICY.personWhenFactual;
  if (PLEASANTRIES.has(guess.intent)) return JUDGMENT_POLICY.personWhenPleasantry;
  return GROUNDED.has(guess.intent) ? JUDGMENT_POLICY.personWhenGrounded : JUDGMENT_POLICY.personWhenTopical;
}

function top(judged: TextJudgement): [Department, number] {
  return (Object.entries(judged.departments) as [Department, number][]).reduce((a, b) => (b[1] > a[1] ? b : a));
}

/** Intents the rules exist to settle against the words ("I ordered a new Wrangler" is a sale, not a parts order). */
const SETTLED = new Set(["vehicle_order"]);

/** The rules' department when they found real evidence, unless the judge is sure of another; else the judge's. */
export function chooseDepartment(guess: DepartmentGuess, judged: TextJudgement): Department {
  if (SETTLED.has(guess.intent)) return guess.department;
  const [best, p] = top(judged);
  const evidence = Math.max(...Object.values(guess.scores));
  if (guess.department !== "general" && evidence >= JUDGMENT_POLICY.ruleEvidence)
    return p >= JUDGMENT_POLICY.departmentOverride ? best : guess.department;
  // Hours, location, greetings: a recognised general ask stays general unless the judge is sure.
  if (guess.department === "general" && isRecognised(guess))
    return p >= JUDGMENT_POLICY.departmentOverride ? best : "general";
  return best;
}

/**
 * Spanish asks only a person answers, the counterpart of the English rules: price and holds,
 * trade-ins and selling, financing, legal threats, asks for a person or "is this automatic?".
 * Folded text (no accents). A department list limits a pattern ("cuánto sale el filtro" is a parts list price).
 */
const SPANISH_ASKS: [RegExp, HandoffReason, Department[]?][] = [
  [
    /\b(?:abogado|demanda\w*|denuncia\w*|bbb|profeco|queja|pesim[oa]|molest[oa]|enojad[oa]|hart[oa]|verguenza|fraude|estafa\w*|ratas|mentiros\w*|ya es la (?:segunda|tercera|cuarta) vez|me voy (?:a ir )?(?:con|a) (?:los de|otra|otro)|me (?:voy|ire) a otra (?:agencia|concesionaria|dealer))\b/,
    "complaint",
  ],
  // "¿Es automática?" is usually the transmission: only the message being automatic is a bot check.
  [
    /\b(?:gerente|encargad[oa]|supervisor|una persona|un humano|alguien real|persona real|robot|contestadora|nadie (?:contesta|responde|lee))\b|\b(?:mensajes?|respuestas?) automatic[oa]s?\b|\besto es (?:automatico|un bot|una maquina)\b|\beres (?:un )?(?:bot|maquina)\b/,
    "asked_for_person",
  ],
  [
    /\b(?:financ\w*|credito|enganche|pagos?|mensualidad\w*|aprob\w*|itin|fiador|cosigner|tasa|interes|prestamo)\b/,
    "financing",
  ],
  [
    /\b(?:me dan por|dan por mi|vender (?:mi|su|la|el)|comprarmelo|compran (?:carros|autos|trocas)|a cuenta|trade)\b/,
    "trade_in",
  ],
  [
    /\b(?:cuanto (?:sale|cuesta|vale|es|pa|pal|por|me|piden|esta pidiendo)(?! (?:tarda|tiempo))|a como|precio|lo menos|menos q|oferta|descuento|rebaj\w*|bajar\w*|barat\w*|apart\w*|cotizacion|redondos|firmar|cerrar (?:el trato|hoy))\b/,
    "price",
    ["sales", "finance"],
  ],
];

/** "¿Es seguro manejarlo?", smoke, overheating, brakes gone: a person answers, and the reply says not to drive. */
const SPANISH_SAFETY =
  /\b(?:es seguro (?:manejar\w*|usar\w*)|puedo (?:seguir )?manejar\w*|humo|echa humo|se calienta|sobrecalent\w*|huele a (?:quemado|gasolina)|sin frenos|no frena|los frenos no|choque|accidente|parpadea|grua)\b/;

/** Money and trade words in English and Spanish, to name the reason the judge alone found. */
const FINANCE_WORDS =
  /\b(?:financ\w*|loan|lease|credit|credito|rate|apr|payment|pagos?|mensualidad\w*|enganche|down|approv\w*|aprob\w*|cosign\w*|fiador|tasa|interes)\b/;
const TRADE_WORDS = /\b(?:trade|trading|apprais\w*|sell (?:you )?my|buy my|me dan por|dan por mi|vender mi|worth)\b/;
const PRICE_WORDS =
  /\b(?:price|pricing|precio|cuanto|cuesta|sale|vale|damage|ballpark|numbers|otd|discount\w*|descuento|rebate|fees?|deal|hold|apart\w*|cost|\$)\b|\$/;
const COMPLAINT_WORDS =
  /\b(?:again|nobody|worst|ridiculous|unacceptable|review|lawyer|refund|charged|disappointed|terrible|horrible|upset|frustrat\w*|otra vez|nadie|peor|queja|cobraron|abogado)\b/;

function nameReason(text: string, department: Department): { reason: HandoffReason; why: string } {
  if (department === "finance" || FINANCE_WORDS.test(text))
    return { reason: "financing", why: "Reads as a financing, credit or payment question" };
  if (TRADE_WORDS.test(text)) return { reason: "trade_in", why: "Reads as a trade-in or selling question" };
  if (PRICE_WORDS.test(text) && department !== "service")
    return { reason: "price", why: "Reads as a price or deal question" };
  if (COMPLAINT_WORDS.test(text)) return { reason: "complaint", why: "Reads as unhappy: a person should answer" };
  return { reason: "cannot_answer", why: "Not something the assistant can answer from what the store knows" };
}

/**
 * The rules' finding when they found a reason; otherwise the judge's, with a threshold that
 * depends on what the rules recognised: the less the store's facts can answer, the less doubt it takes.
 */
export function weighHandoff(
  finding: HandoffFinding,
  judged: TextJudgement,
  guess: DepartmentGuess,
  department: Department,
  folded: string,
  context: { answersAQuestion: boolean; answeredFromKnowledge: boolean; language: Language },
): HandoffFinding {
  if (finding.reason) return finding;
  if (context.language === "es") {
    // The hand-written rules read English: in Spanish they recognise a model name, not the ask.
    if (SPANISH_SAFETY.test(folded))
      return {
        ...finding,
        reason: "cannot_answer",
        why: "Spanish: possible safety issue, a person should answer",
        safety: true,
      };
    const ask = SPANISH_ASKS.find(
      ([pattern, , departments]) => pattern.test(folded) && (!departments || departments.includes(department)),
    );
    if (ask) return { ...finding, reason: ask[1], why: `Spanish: ${describeReason(ask[1]).toLowerCase()}` };
  }
  // "tomorrow after 5", "Guadalupe, con G", an e-mail address: an answer to the assistant's question, not a new ask.
  // A listed vehicle, the hours, an FAQ: when the store's facts answer it, only strong doubt calls a person.
  const threshold = context.answeredFromKnowledge
    ? Math.max(JUDGMENT_POLICY.personWhenAnswered, personThreshold(guess))
    : context.answersAQuestion && !isRecognised(guess)
      ? JUDGMENT_POLICY.personWhenGrounded
      : context.language === "es" && !PLEASANTRIES.has(guess.intent)
        ? JUDGMENT_POLICY.personInSpanish
        : personThreshold(guess);
  if (judged.needsPerson < threshold) return finding;
  const { reason, why } = nameReason(folded, department);
  return { ...finding, reason, why: `${why} (judged ${Math.round(judged.needsPerson * 100)}% to need a person)` };
}
