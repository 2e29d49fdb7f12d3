import type { Knowledge } from "../../knowledge/knowledge.js";
import { plainLower } from "../../language/plain-lower.js";
import { findVehicleMentions } from "../find-vehicle-mentions.js";
import type { ReplyViolation } from "./reply-violation.js";
import { storeTextOf } from "./store-text.js";

const NAME = String.raw`([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)`;
/** Either case for a phrase's first letter: "Ask for Shawn" opens a sentence, "ask for Shawn" does not. */
const anyCase = (phrases: string) =>
  phrases
    .split("|")
    .map((p) => `[${p[0]!.toUpperCase()}${p[0]}]${p.slice(1)}`)
    .join("|");
const ROLES =
  "manager|gm|general manager|director|advisor|adviser|associate|rep|consultant|specialist|salesman|salesperson|sales guy|tech|technician|closer|asesor|asesora|gerente|vendedor|vendedora|encargado|encargada|tecnico|tecnica|mecanico";
/** Where a reply names a person: introducing itself, signing, or pointing the customer to someone. */
const NAMED: RegExp[] = [
  new RegExp(
    String.raw`\b(?:[Tt]his is|[Mm]y name is|I'm|I am|[Ii]t'?s|[Ss]igned|[Ss]oy|[Mm]e llamo|[Ll]e (?:habla|escribe|saluda|atiende)|[Hh]abla)\s+${NAME}`,
    "g",
  ),
  new RegExp(
    String.raw`\b${NAME}(?:\s[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)?,?\s+(?:from|in|at|on|with|de|del|en)\s+(?:our\s+|the\s+|el\s+|la\s+|nuestro\s+|nuestra\s+)?(?:\w+\s+)?(?:sales|service|parts|finance|team|office|desk|department|showroom|counter|lot|ventas|servicio|finanzas|partes|refacciones|equipo|oficina|departamento|mostrador)`,
    "g",
  ),
  new RegExp(
    String.raw`\b(?:${anyCase("ask for|talk to|speak with|speak to|reach out to|contact|text|call|see|meet|with|would be|that's|pregunte por|hable con|busque a|con")})\s+${NAME}`,
    "g",
  ),
  new RegExp(String.raw`\b(?:${ROLES}|${ROLES.toUpperCase()}|${anyCase(ROLES)}),?\s+${NAME}`, "g"),
  new RegExp(
    String.raw`\b${NAME}(?:\s[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)?\s+(?:will|can|'ll|’ll|is going to|would|here|is our|is your|va a|le va|puede|le escribir|le llamar|le contactar|es su|es nuestr)`,
    "g",
  ),
  /(?:^|\s)[-–—~]\s?([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)(?:\s[A-Z][a-z]+)?(?:,\s?[A-Z][\w ]*)?[\s.!]*$/g,
];

/** Which of NAMED are the reply speaking as someone ("This is Mike", "— Mike"). */
const SELF_INTRODUCTIONS = new Set([0, 5]);

/** Capitalised words that are not names: sentence openers, roles, the calendar, both languages. */
const NOT_NAMES = new Set(
  (
    "i we you they he she it our your their my this that these those there here what when where who how why someone somebody anyone everyone nobody " +
    "one a an the and but so if thanks thank hi hello hey yes no sure great perfect ok okay of for from just please also " +
    "sales service parts finance team manager managers department office desk showroom staff customer customers advisor rep person people assistant " +
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today tomorrow tonight " +
    "january february march april may june july august september october november december christmas thanksgiving memorial labor independence new " +
    "alguien nosotros nuestro nuestra nuestros usted ustedes el la los las un una este esta eso ese hola gracias si claro con de del en " +
    "ventas servicio partes refacciones finanzas equipo gerente asesor asesora vendedor vendedora persona oficina departamento " +
    "lunes martes miercoles jueves viernes sabado domingo hoy manana enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre " +
    "cual cuales que quien como donde cuando cuanto cuanta cuantos cuantas hours horario horarios area personal gente mostrador " +
    "what which call text ask contact visit stop by come see meet " +
    "baton english spanish espanol ingles ai bot"
  ).split(" "),
);

/** How a customer gives their own name: "I'm Dana", "soy Dana". A name they merely mention is not theirs. */
const SELF_NAMED = new RegExp(
  String.raw`\b(?:[Ii]'?m|[Ii] am|[Tt]his is|[Mm]y name is|[Ii]t'?s|[Ss]oy|[Mm]e llamo|[Mm]i nombre es)\s+${NAME}`,
  "g",
);

/** The words a reply may capitalise without naming a stranger: the store's own text and the customer's own name. */
function knownWords(knowledge: Knowledge, customerText: string, customerName: string | undefined): Set<string> {
  const own = [...customerText.matchAll(SELF_NAMED)].map((m) => m[1]).join(" ");
  return new Set([
    ...storeTextOf(knowledge).tokens,
    ...(plainLower(`${own} ${customerName ?? ""}`).match(/[a-z]+/g) ?? []),
  ]);
}

/**
 * A reply names only people the store configured (knowledge `staff`) or the customer: a model
 * that invents "Mike from sales will call you" promises a person who does not exist.
 */
export function checkNames(
  reply: string,
  knowledge: Knowledge,
  customerText: string,
  customerName?: string,
): ReplyViolation[] {
  const known = knownWords(knowledge, customerText, customerName);
  // Speaking as someone is posing as a person, whoever it is: only the store's own name may follow "this is".
  const storeName = new Set(plainLower(knowledge.name).match(/[a-z]+/g) ?? []);
  const out: ReplyViolation[] = [];
  for (const [i, pattern] of NAMED.entries()) {
    const speaksAs = SELF_INTRODUCTIONS.has(i);
    for (const m of reply.matchAll(pattern)) {
      const word = plainLower(m[1]!);
      if (NOT_NAMES.has(word) || (speaksAs ? storeName : known).has(word) || findVehicleMentions(m[1]!).length > 0)
        continue;
      const rule = speaksAs ? "persona" : "unknown_name";
      if (!out.some((v) => v.matched === m[1])) out.push({ rule, matched: m[1]! });
    }
  }
  return out;
}
