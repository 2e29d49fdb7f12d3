import type { Department } from "../../../core/ports/brain.js";
import { AVAILABILITY, CUES, PARTS_BUYING, SHELF, VISIT, type Cue } from "./department-cues.js";

export interface VehicleContext {
  /** A model is named ("the Tacoma"), not only a make. */
  modelNamed: boolean;
  makeNamed: boolean;
  /** The customer's own vehicle ("my 2019 Camry"): context for service, not a shopping signal. */
  owned: boolean;
}

export interface DepartmentGuess {
  department: Department;
  intent: string;
  scores: Record<Department, number>;
}

interface Hit {
  department: Department;
  intent: string;
  weight: number;
  /** The words that matched, for cues. */
  matched?: string[];
}

const PLACE_INTENTS = new Set(["hours", "location", "phone"]);
/** Asks how far along a vehicle in the shop is: a status question, whatever work it is in for. */
const STATUS_ASK =
  /\b(?:done|ready|finished|fixed)\s+yet\b|\b(?:is|are|will)\s+(?:my|our|the|it|she|he)\s+(?:[\w-]+\s+){0,2}(?:done|ready|finished|fixed)\b|\bhow (?:much )?(?:long|longer)\s+(?:until|till|til|before)\s+(?:my|it|the)\b|\b(?:status|update)\s+(?:on|of)\s+(?:my|the|our)\b|\bany (?:update|news|word)\b|\b(?:was|were|has|have|got)\s+(?:[\w-]+\s+){0,3}(?:done|completed|finished|fixed|performed)\b(?=.{0,20}\?|.{0,20}$)|\bwhen (?:can|will|could) i (?:pick (?:it|her|him|my \w+|the \w+) up|come get|get (?:it|her|him|my \w+|the \w+) back)\b/;
/** Parts cues that name a part (a noun, a brand, a part number), not only an order or a refund. */
const PART_NOUN_INTENTS = new Set(["parts_availability", "parts_price"]);
const DEPARTMENT_WORD = /^(?:parts?|service|sales|finance)$/;
const VEHICLE_TYPE =
  /(?<!my |our )\b(?:(?:3rd|third) row|suvs?|trucks?|sedans?|minivans?|cars|electric (?:cars?|vehicles?)|ev'?s)\b/;

/** "Can I book a test drive? also what rate could I get": what follows "also" is the side ask. */
function splitMainAsk(text: string): [string, string] {
  const at = text.search(/(?:^|[\s,.!?])(?:also|and also|plus|btw)\b/);
  return at > 10 ? [text.slice(0, at), text.slice(at)] : [text, ""];
}

const GLOBAL_CUES = CUES.map((cue) => ({ cue, all: new RegExp(cue.pattern.source, "g") }));

/** Each cue counts once, plus half again for each further distinct match (at most twice). */
function cueHits(text: string, factor: number): (Hit & { cue: Cue })[] {
  if (!text) return [];
  return GLOBAL_CUES.flatMap(({ cue, all }) => {
    const distinct = new Set(Array.from(text.matchAll(all), (m) => m[0])).size;
    if (distinct === 0) return [];
    const matched = [...new Set(Array.from(text.matchAll(all), (m) => m[0]))];
    return [
      {
        cue,
        matched,
        department: cue.department,
        intent: cue.intent,
        weight: cue.weight * factor * (1 + 0.5 * Math.min(distinct - 1, 2)),
      },
    ];
  });
}

/** A named vehicle is a shopping signal unless it is the customer's own; "do you have" counts for it unless a part is named. */
function vehicleHits(text: string, vehicle: VehicleContext, partNamed: boolean): Hit[] {
  const hits: Hit[] = [];
  const shopping = !vehicle.owned && (vehicle.modelNamed || vehicle.makeNamed);
  const typeNamed = VEHICLE_TYPE.test(text);
  if (shopping) hits.push({ department: "sales", intent: "vehicle_info", weight: vehicle.modelNamed ? 1.5 : 0.5 });
  if (!partNamed && (shopping || typeNamed) && AVAILABILITY.test(text))
    hits.push({ department: "sales", intent: "vehicle_availability", weight: 2 });
  if (VISIT.test(text))
    hits.push(
      shopping
        ? { department: "sales", intent: "vehicle_availability", weight: 1.5 }
        : { department: "service", intent: "service_booking", weight: 1 },
    );
  if (!shopping && !typeNamed && SHELF.test(text))
    hits.push({ department: "parts", intent: "parts_availability", weight: 2 });
  return hits;
}

function total(hits: Hit[], department: Department): number {
  return hits.filter((h) => h.department === department).reduce((sum, h) => sum + h.weight, 0);
}

/**
 * Scores the text for each department and picks the main ask. Hours, location and phone
 * questions stay general even when they name a department; a real ask elsewhere wins over a
 * greeting or a thank-you.
 */
export function classifyDepartment(text: string, vehicle: VehicleContext): DepartmentGuess {
  const [main, side] = splitMainAsk(text);
  // "Do you have the RAV4 in stock or do I have to order one": with a vehicle to buy named and no
  // part, ordering, delivery or a refund is about the vehicle, not the parts counter.
  const shopping = !vehicle.owned && (vehicle.modelNamed || vehicle.makeNamed);
  const asVehicleOrder = (h: Hit & { cue: Cue }) =>
    shopping && h.department === "parts" && h.intent === "parts_order"
      ? { ...h, department: "sales" as const, intent: "vehicle_order", weight: h.weight * 0.75 }
      : h;
  const ordersVehicle = (hits: (Hit & { cue: Cue })[]) =>
    hits.filter((h) => !(shopping && h.department === "parts" && h.intent === "parts_return")).map(asVehicleOrder);
  const rawMain = cueHits(main, 1);
  const rawSide = cueHits(side, 0.5);
  const partNamed = [...rawMain, ...rawSide].some((h) => h.department === "parts" && PART_NOUN_INTENTS.has(h.intent));
  const mainHits = partNamed ? rawMain : ordersVehicle(rawMain);
  const cues = [...mainHits, ...(partNamed ? rawSide : ordersVehicle(rawSide))];
  let hits: Hit[] = [
    ...cues,
    ...vehicleHits(
      text,
      vehicle,
      cues.some((h) => h.department === "parts"),
    ),
  ];

  const asksAboutPlace = hits.some((h) => h.department === "general" && PLACE_INTENTS.has(h.intent));
  // "Hours for parts?", "service department phone": the department is only named.
  if (asksAboutPlace)
    hits = hits.filter(
      (h) => !("cue" in h && (h as { cue: Cue }).cue.mention) && !h.matched?.every((m) => DEPARTMENT_WORD.test(m)),
    );

  if (total(hits, "parts") > 0 && PARTS_BUYING.test(text)) {
    // A part asked about in the side ask ("also how much for a remote start") counts half.
    const inMain = mainHits.some((h) => h.department === "parts");
    hits.push({
      department: "parts",
      intent: /\bhow much\b|\bprices?\b|\bcosts?\b/.test(text) ? "parts_price" : "parts_availability",
      weight: inMain ? 3 : 1.5,
    });
  }

  const scores = { sales: 0, service: 0, parts: 0, finance: 0, general: 0 } as Record<Department, number>;
  for (const department of Object.keys(scores) as Department[]) scores[department] = total(hits, department);
  // The first ask breaks a tie with a side ask.
  for (const department of new Set(mainHits.map((h) => h.department))) scores[department] += 0.25;

  // On a tie the narrower department wins: finance, then parts, then service, then sales.
  const ranked = (["finance", "parts", "service", "sales"] as const).slice().sort((a, b) => scores[b] - scores[a]);
  const best = ranked[0]!;
  const department: Department = scores[best] >= 1.5 && scores[best] >= scores.general ? best : "general";

  const strongest = hits.filter((h) => h.department === department).sort((a, b) => b.weight - a.weight)[0];
  // "Is my truck done yet? it was in for the recall": how far along the work is, whatever the work was.
  if (department === "service" && STATUS_ASK.test(text)) return { department, intent: "service_status", scores };
  // "I can come by after work": a visit with no reason given yet.
  if (department === "general" && (!strongest || strongest.intent === "greeting") && VISIT.test(text))
    return { department, intent: "visit", scores };
  return { department, intent: strongest?.intent ?? "out_of_scope", scores };
}
