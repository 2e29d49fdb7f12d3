import { mergeLead } from "../../../core/conversation/conversation.js";
import { chooseLanguage, detectLanguage } from "../../../core/language/detect-language.js";
import type { Brain, BrainDecision, BrainInput, LeadFields } from "../../../core/ports/brain.js";
import { answerFromKnowledge } from "./answer-from-knowledge.js";
import { classifyDepartment, type DepartmentGuess, type VehicleContext } from "./classify-department.js";
import { isOffered } from "./describe-inventory.js";
import type { InventoryItem } from "../../../core/knowledge/knowledge.js";
import { detectHandoff } from "./detect-handoff.js";
import { extractContact } from "./extract-contact.js";
import { extractTiming } from "./extract-timing.js";
import { extractVehicle } from "./extract-vehicle.js";
import { normaliseText } from "./normalise-text.js";
import { summarise } from "./summarise.js";
import type { TextJudge } from "../../../core/ports/text-judge.js";
import { acceptedOffer } from "./offer-follow-up.js";
import { chooseDepartment, weighHandoff } from "./weigh-judgment.js";
import { writeReply } from "./write-reply.js";

/** Intents that carry no ask of their own: a reply like "Saturday at 10" continues the last one. */
const CONTINUATION = new Set(["out_of_scope", "acknowledgement", "visit"]);

function classify(text: string, input: BrainInput): DepartmentGuess {
  const vehicle = extractVehicle(text, input.knowledge.inventory);
  return classifyDepartment(normaliseText(text), vehicle.context);
}

/** "Saturday at 10" or "Dana" answers the question the assistant asked about the customer's last ask. */
function continueEarlierAsk(guess: DepartmentGuess, learnt: LeadFields, input: BrainInput): DepartmentGuess {
  if (!CONTINUATION.has(guess.intent) || !(learnt.timing || learnt.name || learnt.vehicle)) return guess;
  const earlier = input.history.filter((h) => h.author === "customer").at(-1);
  if (!earlier) return guess;
  const before = classify(earlier.body, input);
  return before.department === "general" ? guess : before;
}

/**
 * "What time do you open? want to come talk numbers": an hours question with a money ask goes
 * to the department that must act on the money, not to general.
 */
function routeToWhoActs(
  guess: DepartmentGuess,
  text: string,
  original: string,
  vehicle: VehicleContext,
): DepartmentGuess {
  if (guess.department !== "general") return guess;
  const reason = detectHandoff(text, original, guess, vehicle).reason;
  const owner =
    reason === "financing"
      ? "finance"
      : reason === "price" || reason === "trade_in"
        ? guess.scores.parts > guess.scores.sales
          ? "parts"
          : "sales"
        : undefined;
  return owner ? { ...guess, department: owner } : guess;
}

function clean(lead: LeadFields): LeadFields {
  return Object.fromEntries(Object.entries(lead).filter(([, v]) => v !== undefined && v !== "")) as LeadFields;
}

/**
 * The deterministic brain: rules, vocabularies and the store's knowledge, no network and no
 * model. The same input always gives the same decision.
 */
export class LocalBrain implements Brain {
  readonly name = "local";

  constructor(private readonly judge: TextJudge) {}

  async decide(input: BrainInput): Promise<BrainDecision> {
    const text = normaliseText(input.text);
    const { knowledge } = input;
    const vehicle = extractVehicle(input.text, knowledge.inventory);
    const timing = extractTiming(text, knowledge.timezone, input.now);
    const contact = extractContact(input.text);
    const learnt = clean({ ...contact, vehicle: vehicle.vehicle, tradeIn: vehicle.tradeIn, ...timing });

    const raw = classifyDepartment(text, vehicle.context);
    const ruled = continueEarlierAsk(raw, learnt, input);
    const judged = this.judge.judge(input.text);
    // A continuation ("Saturday at 10") belongs to the earlier ask: its department stands.
    const department = ruled !== raw ? ruled.department : chooseDepartment(raw, judged);
    const routed = routeToWhoActs({ ...ruled, department }, text, input.text, vehicle.context);
    // The customer's language: this text's when it tells, else the conversation's.
    const language = chooseLanguage(input.text, input.language);
    const answerAs = (g: DepartmentGuess) =>
      answerFromKnowledge({
        text,
        department: g.department,
        intent: g.intent,
        vehicle,
        knowledge,
        now: input.now,
        language,
      });
    // What the store's facts answer decides how much doubt it takes to call a person instead.
    const grounded = answerAs(routed);
    const offer = acceptedOffer(input.text, input.history);
    const handoff = offer
      ? {
          reason: "follow_through" as const,
          why: `The customer said yes to the assistant's offer: "${offer}"`,
          frustration: 0,
        }
      : weighHandoff(
          detectHandoff(text, input.text, routed, vehicle.context),
          judged,
          routed,
          routed.department,
          text,
          {
            answersAQuestion: Object.keys(learnt).length > 0,
            answeredFromKnowledge: !!grounded,
            language: detectLanguage(input.text) ?? input.language ?? "en",
          },
        );
    // A lease or loan question about a car on the lot is the finance desk's, not the sales floor's.
    const guess =
      handoff.reason === "financing" && routed.department === "sales"
        ? { ...routed, department: "finance" as const }
        : routed;
    const lead = mergeLead(input.lead, learnt);
    const answer = guess === routed ? grounded : answerAs(guess);
    const repairOrder = /\b(?:ro|repair order)\s*#?\s*(\d{3,})\b/.exec(text)?.[1];

    const { reply, disposition } = writeReply({
      knowledge,
      department: guess.department,
      intent: guess.intent,
      handoff: handoff.reason,
      safety: !!handoff.safety,
      handoffPending: !!input.handoffPending,
      answer,
      lead,
      repairOrder,
      listed: vehicle.matches.length > 0 || vehicle.sameModel.some(isOffered) || !vehicle.vehicle?.model,
      arriving: onlyArriving(vehicle.matches.length > 0 ? vehicle.matches : vehicle.sameModel),
      language,
      now: input.now,
    });
    const intent = guess.intent === "out_of_scope" && handoff.reason ? handoff.reason : guess.intent;
    const handsOff = disposition === "handoff";
    return {
      department: guess.department,
      intent,
      disposition,
      handoffReason: handsOff ? handoff.reason : undefined,
      reason: handsOff
        ? handoff.why!
        : answer
          ? `Answered from the store's ${answer.topic}`
          : `Gathering details (${intent.replace(/_/g, " ")})`,
      reply,
      lead: learnt,
      frustration: handoff.frustration,
      summary: summarise(input, { department: guess.department, intent, handoffWhy: handoff.why, lead }),
      source: "local",
      language,
    };
  }
}

/** Units the store offers (on the lot or on the way), and none of them on the lot yet. */
function onlyArriving(units: InventoryItem[]): boolean {
  const offered = units.filter(isOffered);
  return offered.length > 0 && offered.every((unit) => unit.status === "in_transit");
}
