import { detectHumanRequest } from "../../../core/brain/detect-human-request.js";
import type { HandoffReason } from "../../../core/ports/brain.js";
import type { DepartmentGuess, VehicleContext } from "./classify-department.js";
import { TRADE_ASK } from "./department-cues.js";
import { scoreFrustration } from "./score-frustration.js";

export interface HandoffFinding {
  reason?: HandoffReason;
  /** One line for the rep: what in the text needs a person. */
  why?: string;
  /** The person is needed for safety (smoke, a flashing light), not for a commitment. */
  safety?: boolean;
  frustration: number;
}

const SAFETY =
  /\bsafe to drive\b|\bis it (?:safe|ok|okay) to (?:drive|keep driving)\b|\bshould i (?:keep |still )?driv\w*|\bcan i (?:still |keep )?driv(?:e|ing) it\b|\bsmoke\b|\bsmoking\b|\bburning smell\b|\bsmells? like (?:burning|gas|smoke|fuel)\b|\bon fire\b|\bflames?\b|\bflashing\b|\bgas leak\b|\bfuel leak\b|\bsmell gas\b|\bbrakes? (?:failed|gone|went out|not working|don'?t work|stopped working)\b|\bno brakes\b|\bsteering (?:locked|failed)\b|\bneed a tow\b|\btow truck\b|\bstranded\b|\baccident\b|\bcrash(?:ed)?\b|\bwreck(?:ed)?\b|\bairbag (?:deployed|went off)\b|\balmost (?:die|died|killed|crashed)\b|\bspin out\b|\bseiz\w+ (?:up )?while driving\b|\b(?:shuts?|turns?|turned|shut) off (?:while|on the|again|in traffic)\b|\bstalled (?:on|in) (?:the )?(?:highway|freeway|road|traffic)\b|\bquit on (?:the )?(?:highway|freeway|road)\b|\b(?:car|truck|engine|it|vehicle|suv|van)\s+(?:just\s+)?(?:died|dies|shut off|stalled|quit|cut out)\s+(?:on|while|in|at)\b|\bwhat (?:do|should) i do\b|\bbrakes? (?:feel|are|is) (?:soft|spongy|gone)\b|\bside of the road\b|\boverheat\w*|\btemp(?:erature)? gauge\b|\bsteam(?:ing)?\b|\bgauge\b.{0,20}\bin the red\b|\broadside\b|\bstuck on the (?:highway|freeway|road|interstate)\b|\bis (?:that|this|it) dangerous\b/;

const TRADE =
  /\btrad(?:e|es|ed|ing)(?:-in)?\b|\bapprais\w*|\bkbb\b|\bkelley\b|\bblue book\b|\bcarvana\b|\bcarmax\b|\bvroom\b|\bwhat (?:would|will|are|do) you (?:give|pay|paying|offer|offering)\b|\bpaying for (?:used )?(?:cars|trucks|suvs)\b|\b(?:how much|what) (?:can|could|would|will|do) (?:i|we) get for (?:my|our|a|the)\b|\bdo you (?:all |guys )?buy\b|\bbuy my (?:car|truck|suv)\b|\b(?:value|worth) (?:on |of )?my\b|\bwhat'?s (?:it|my (?:[\w-]+ ){1,3})worth\b|\bwhat is (?:it|my (?:[\w-]+ ){1,3})worth\b|\bcuanto me (?:dan|darian|pagan|ofrecen) por\b|\bvalor de mi\b|\bworth to you\b|\btop dollar\b|\bhow much (?:for|would you give me for|will you give me for) my\b/;

/** "no, I don't have a trade" */
const NO_TRADE = /\b(?:no|don'?t have an?|without an?|not) trade(?:-in)?\b/;

const NEGOTIATION =
  /\blowest\b|\bbest price\b|\bnegotia\w+|\bhaggl\w*|\broom to (?:move|negotiate|work)\b|\bfirm\b|\bmatch (?:that|it|their|the|online|his|her|this|carvana|truecar|an?)\b|\bdon'?t match\b|\bbeat (?:it|that|their|this|an?|the (?:price|offer|quote|deal|number))\b|\bbeat\b.{0,30}\b(?:price|offer|quote|deal)\b|\bend of (?:the )?(?:month|year|quarter) (?:deals?|sales?|specials?|prices?|pricing|discounts?)\b|\bgood time to buy\b|\bdiscounts?\b|\brebates?\b|\bincentives?\b|\bemployee pricing\b|\bfamily discount\b|\bmilitary\b|\bmark ?up\b|\bmarket adjustment\b|\badd[- ]?on\b|\baddendum\b|\bdoc(?:umentation)? fees?\b|\bfees?\b|\btaxes\b|\bbuyers? order\b|\b\$?\d+k? cash\b|\bcash (?:price|deal|offer|buyer)\b|\bdeals?\b|\binvoice (?:price|on)\b|\bdealer (?:cost|invoice)\b|\bunder sticker\b|\bover (?:msrp|sticker)\b|\bknock (?:off|it down)\b|\bcome down\b|\bout the door\b|\bwholesale\b|\bcheaper\b|\bany better\b|\b(?:will|would) you take\b|\btake \$?\d|\bdo \$?\d+k?\b|\bmsrp\b|\btalk numbers\b|\bonline prices?\b|\bfinal price\b|\bbottom (?:line|dollar)\b|\bcheapest\b|\bhow low\b|\bgo (?:any )?lower\b|\bknock (?:\w+ ){0,2}off\b|\bshave\b|\blower (?:the|your) price\b|\bbest (?:deal|number|offer)\b|\bwhat can you do (?:on|for)\b|\bthe least\b|\b(?:can|could|would|will) (?:you|u|y'?all) do \$?\d|\bis \$?\d+k? (?:doable|possible|ok|okay|fair)\b|\bbest (?:you|u) can do\b|\bwhat can you do\b|\b(?:advertised|real|listed|online|internet|sticker|actual) price\b|\btax(?:es)?\b|\btitle and licen[cs]e\b|\bttl\b|\bbudget\b|\d+ ?% off\b|\bpercent off\b|\$\s?\d[\d,]* off\b|\boff (?:msrp|sticker|the price)\b|\bcoupons?\b|\bpromo code\b|\bspecials?\b|\bapplies to me\b|\bclearance\b|\bon sale\b|\bsales? (?:going on|event|this (?:week|weekend|month))\b|\bpromotions?\b|(?<!for )\bsale\b|\bwiggle room\b|\bflexib\w+ on (?:the )?price\b|\bprice match\b/;

/**
 * A demand for a straight answer on money: "give me a real number", "what's the actual figure",
 * "just send me numbers". Not a phone number ("a real number to call", "number for service").
 */
const NOT_A_PHONE = String.raw`(?!\s+(?:to (?:call|text|reach)|i can|we can|where|for (?:the )?(?:service|parts|sales|finance|office|store|dealership|you)))`;
const STRAIGHT_NUMBER = new RegExp(
  String.raw`(?<!\b(?:your|ur|this|that|my|phone|cell|contact) )\b(?:real|actual|straight|honest|true|hard|solid|firm|final|exact|ballpark|rough|bottom)\s+numbers?\b${NOT_A_PHONE}` +
    String.raw`|\b(?:real|actual|straight|honest|true|hard|solid|firm|final|exact|ballpark|rough|bottom)\s+figures?\b` +
    String.raw`|\b(?:give|send|get|show|run) (?:me|us) (?:some |the )?(?:numbers|figures)\b${NOT_A_PHONE}|\bgive (?:me|us) a (?:number|figure)\b${NOT_A_PHONE}`,
);

const VEHICLE_PRICE =
  /\b(?:pay|paying|offer|spend|give you|budget(?: is)?)\s+(?:you\s+)?\$?\d|\bafter everything\b|\ball in\b|\brun me\b|\bprices?\b|\bpricing\b|\bpriced\b|\bhow much\b|\bcosts?\b|\bcuanto (?:cuesta|es|vale)\b|\bprecio\b|\bquote\b|(?<!window )\bsticker\b|\$\s?\d|\b\d+(?:\.\d+)?k\b(?!\s*(?:miles|mi\b|lbs?\b|pounds|mile))|\b\d{1,3},\d{3}\b(?!\s*(?:miles|mi\b|lbs?\b|pounds))/;

/** Asks the assistant to commit to something only a person can: a promise, a guarantee, writing. */
const COMMITMENT =
  /\bpromise\b|\bguarantee\w*|\bin writing\b|\bswear\b|\blegally binding\b|\bconfirm (?:in writing|that|it'?s|the price|my|you'?ll|you will)\b(?!.{0,30}\b(?:appointment|booking|reservation|test drive|drop ?off|oil change|(?:was|is|got|been) (?:done|completed|finished|fixed|ready|performed))\b)/;

/**
 * Asks the store to keep a vehicle (or anything) for the customer: a hold is a commitment only a
 * person can make, whatever the words: hold, save, reserve, set aside, lock in, a deposit, "don't
 * sell it"; apartar, reservar, guardar, "no lo vendan". A test-drive slot or a service booking is not.
 */
const HOLD =
  /\b(?:hold|save|reserve|set aside|put aside|keep)\s+(?:it|that|this|them|one|that one|this one|(?:the|that|this|my|a) (?:\w+ ){0,3}?(?:car|truck|suv|van|jeep|vehicle|one|unit|\w+))\s+(?:for (?:me|us|my)|til|till|until|thru|through|over|to (?:the|this|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)|(?:for )?(?:a (?:day|couple|few)|(?:a|one|two|\d+) (?:days?|hours?|weeks?)))\b|\bput (?:a )?hold on\b|\b(?:hold|reserve|save) (?:it|that|this|one) for me\b|\block (?:it|that|this|(?:the|that|this) (?:price|deal|rate|one|\w+)) in\b|\block in (?:the|that|this|my) (?:price|deal|rate|payment)\b|\b(?:put|leave|make|place|send|take) (?:down )?(?:a |the )?deposit\b|\bdeposit (?:on|to hold|down)\b|\b(?:do|can|could) (?:you|i) (?:take|put|leave) (?:a )?deposit\b|\bdon'?t (?:let (?:anyone|anybody|nobody|someone) (?:else )?(?:buy|take|get)|sell) (?:it|that|this|the|them)\b|\bno (?:lo |la |los |las |me lo |me la )?vendan\b|\b(?:me )?(?:lo|la|los|las)? ?(?:pueden?|podrian?|puedes) (?:apartar|guardar|reservar)\b|\baparta(?:r|rme|rmelo|rmela|n|lo|la|melo|mela)?\b|\baparte(?:n|nmelo|nmela|melo|mela|lo|la)?\b|\b(?:reserven|reservar|reservarme|reservenmelo|reservemelo|guardenmelo|guardemelo|guarden(?:lo|la))\b(?!.{0,25}\b(?:cita|prueba de manejo|servicio)\b)|\b(?:dejar|dejo|deje) (?:un )?(?:deposito|enganche|apartado)\b/;

/** "Could you put the Bronco aside until Monday?": a vehicle set aside (parts kept at the counter are routine). */
const SET_ASIDE = /\b(?:put|set|keep) (?:it|that|this|(?:the|that|this|my) (?:\w+ ){0,3}?\w+) (?:aside|to the side)\b/;

/** Undoing a purchase, an order or a contract: a person handles it (not an appointment: the AI can move those). */
const CANCEL_DEAL =
  /\bcancel(?:l?ed|l?ing|lation|s)?\b(?:\s+\w+){0,4}?\s+(?:order|orders|purchase|deal|deposit|contract|paperwork|warranty|service contract|extended warranty|gap|sale|financing|loan|lease|subscription|protection|package|part order|special order|the car|my car|the truck|my truck)\b|\b(?:back out of|undo|unwind|return) (?:the|my|this) (?:deal|purchase|car|truck|contract)\b|\bcancel(?:ar|en|e|o|amos)\b(?:\s+\w+){0,4}?\s+(?:pedido|orden|compra|contrato|garantia|deposito|trato|financiamiento|apartado)\b/;

const UNPLACED = new Set(["out_of_scope", "acknowledgement"]);
const ADDRESSES_STORE = /\b(?:you|your|you'?re|you all|u|ur|the (?:dealership|dealer|manager|store|shop)|this place)\b/;
const NEGATIVE =
  /\b(?:not|never|nobody|nothing|forever|still|wrong|won'?t|can'?t|didn'?t|isn'?t|wasn'?t|haven'?t|hasn'?t)\b/;
/** Politeness that reads negative to a word list: "no rush", "never mind", "you don't need to". */
const POLITE =
  /\bno (?:rush|worries|problem|hurry|need)\b|\bnever ?mind\b|\bdon'?t (?:need|have) to\b|\bnot (?:sure|yet|a big deal|urgent)\b|\bthanks?\b|\bthank you\b|\bappreciate\b|\blol\b|\bgreat\b|\bperfect\b|\bawesome\b/;

/**
 * Decides whether a person must take the conversation, and why. The order matters: an angry
 * customer is a complaint even when the text also mentions a price.
 */
export function detectHandoff(
  text: string,
  original: string,
  guess: DepartmentGuess,
  vehicle: VehicleContext,
): HandoffFinding {
  const mood = scoreFrustration(text, original);
  const frustration = mood.score;
  const found = (reason: HandoffReason, why: string): HandoffFinding => ({ reason, why, frustration });

  if (mood.legal) return found("complaint", "Mentions legal action or a formal complaint");
  if (mood.score >= 0.45) return found("complaint", `Unhappy customer (${mood.signals.slice(0, 3).join(", ")})`);
  const person = detectHumanRequest(original);
  if (person) return found("asked_for_person", `Asked for a person ("${person.matched}")`);
  if (SAFETY.test(text))
    return { ...found("cannot_answer", "Possible safety issue: a person should answer"), safety: true };
  if (guess.scores.finance >= 1.5) return found("financing", "Financing, credit, lease or payment question");
  if ((TRADE.test(text) || TRADE_ASK.test(text)) && !NO_TRADE.test(text))
    return found("trade_in", "Wants a trade-in value or appraisal");
  if (NEGOTIATION.test(text) || STRAIGHT_NUMBER.test(text)) return found("price", "Price, discount or fee question");
  // A price question with nothing else to go on ("what's it cost?") is about a vehicle until shown otherwise.
  const aboutVehicle = guess.department === "sales" || (guess.department === "general" && !vehicle.owned);
  if (aboutVehicle && VEHICLE_PRICE.test(text)) return found("price", "Asks for a vehicle price");
  if (COMMITMENT.test(text)) return found("cannot_answer", "Wants a commitment only a person can make");
  if (HOLD.test(text) || (SET_ASIDE.test(text) && guess.department !== "parts"))
    return found("price", "Wants the store to hold a vehicle: a commitment only a person can make");
  if (CANCEL_DEAL.test(text)) return found("cannot_answer", "Wants to cancel an order, a purchase or a contract");
  // Nothing recognised, but the text speaks to the store in the negative ("You're not understanding
  // me"): a person reads it rather than a canned line.
  if (UNPLACED.has(guess.intent) && ADDRESSES_STORE.test(text) && NEGATIVE.test(text) && !POLITE.test(text))
    return found("cannot_answer", "Unclear, and it reads unhappy");
  return { frustration };
}
