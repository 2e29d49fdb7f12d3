import type { InventoryItem } from "../../../core/knowledge/knowledge.js";
import type { Language } from "../../../core/language/detect-language.js";
import type { Vehicle } from "../../../core/ports/brain.js";

/** Common listing colours in Spanish (masculine: "el Toyota Tacoma blanco", a car model is "el"). */
const COLOUR_ES: Record<string, string> = {
  white: "blanco",
  black: "negro",
  silver: "plata",
  grey: "gris",
  gray: "gris",
  red: "rojo",
  blue: "azul",
  green: "verde",
  yellow: "amarillo",
  orange: "naranja",
  brown: "café",
  beige: "beige",
  gold: "dorado",
  tan: "arena",
  maroon: "vino",
  burgundy: "vino",
  purple: "morado",
  bronze: "bronce",
  pearl: "perla",
  charcoal: "gris oscuro",
};

/** "white 2024 Toyota Tacoma TRD Sport (stock MR4127)" / "Toyota Tacoma TRD Sport 2024 blanco (stock MR4127)". */
function name(item: InventoryItem, language: Language): string {
  const trim = item.trim ? ` ${item.trim}` : "";
  if (language === "es") {
    const colour = item.color ? ` ${COLOUR_ES[item.color.toLowerCase()] ?? item.color.toLowerCase()}` : "";
    return `${item.make} ${item.model}${trim} ${item.year}${colour} (stock ${item.stock})`;
  }
  const colour = item.color ? `${item.color.toLowerCase()} ` : "";
  return `${colour}${item.year} ${item.make} ${item.model}${trim} (stock ${item.stock})`;
}

const STATUS: Record<Language, Record<InventoryItem["status"], string>> = {
  en: {
    available: "is available on our lot",
    in_transit: "is on its way to us and not on the lot yet",
    pending: "is on hold for another customer right now",
    sold: "has been sold",
  },
  es: {
    available: "está disponible en el lote",
    in_transit: "viene en camino y todavía no llega al lote",
    pending: "está apartado para otro cliente por ahora",
    sold: "ya se vendió",
  },
};

function describeWanted(vehicle: Vehicle, language: Language): string {
  if (vehicle.stock && !vehicle.model)
    return language === "es" ? `el stock ${vehicle.stock}` : `stock ${vehicle.stock}`;
  if (language === "es") return `un ${[vehicle.make, vehicle.model, vehicle.year].filter(Boolean).join(" ")}`;
  const words = [vehicle.year, vehicle.make, vehicle.model].filter(Boolean).join(" ");
  return `${/^[aeiou8]/i.test(words) ? "an" : "a"} ${words}`;
}

/** A unit the store can offer: on the lot or on its way. */
export function isOffered(item: InventoryItem): boolean {
  return item.status === "available" || item.status === "in_transit";
}

/** Units on the lot first, then on their way, then on hold; sold ones last. */
const STATUS_ORDER: InventoryItem["status"][] = ["available", "in_transit", "pending", "sold"];

function byStatus(items: InventoryItem[]): InventoryItem[] {
  return [...items].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
}

function describeUnits(units: InventoryItem[], language: Language): string {
  const [first, second] = units;
  const article = language === "es" ? "el" : "the";
  const lead = `${article} ${name(first!, language)} ${STATUS[language][first!.status]}.`;
  if (!second) return lead;
  const others = units.length - 1;
  if (language === "es") return `${lead} También tenemos ${others} ${first!.model} más.`;
  return `${lead} We list ${others} more ${first!.model}${others > 1 ? "s" : ""} too.`;
}

function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export interface InventoryLookup {
  /** Units that match what was asked (the stock number, or the model and year). */
  matches: InventoryItem[];
  /** A stock number the store does not list. */
  unknownStock?: string;
  /** Other units of the model asked about, when nothing matched exactly. */
  sameModel?: InventoryItem[];
}

export interface InventoryReply {
  text: string;
  /** The text already ends with the one question to ask (confirm which unit, or the number). */
  asks: boolean;
}

/** What the replies say, per language. */
const SAY = {
  en: {
    missing: (stock: string) => `I can't find stock ${stock} in our current listings`,
    butThisOne: (missing: string, units: string) => `${missing}, but ${units} Is that the one you mean?`,
    checkNumberOrModel: (missing: string) =>
      `${missing}. Could you double-check the number, or tell me the year and model you saw?`,
    neither: (missing: string, wanted: string) =>
      `${missing}, and I don't see ${wanted} there either. Could you double-check the number?`,
    notListedBut: (wanted: string, units: string) => `I don't see ${wanted} in our current listings, but ${units}`,
    notListed: (wanted: string) => `I don't see ${wanted} in our current listings.`,
  },
  es: {
    missing: (stock: string) => `No encuentro el stock ${stock} en nuestro inventario actual`,
    butThisOne: (missing: string, units: string) => `${missing}, pero ${units} ¿Es el que busca?`,
    checkNumberOrModel: (missing: string) =>
      `${missing}. ¿Podría revisar el número, o decirme el año y modelo que vio?`,
    neither: (missing: string, wanted: string) => `${missing}, y tampoco veo ${wanted}. ¿Podría revisar el número?`,
    notListedBut: (wanted: string, units: string) => `No veo ${wanted} en nuestro inventario actual, pero ${units}`,
    notListed: (wanted: string) => `No veo ${wanted} en nuestro inventario actual.`,
  },
} as const;

/**
 * What the inventory says about the vehicle asked for: its status, never its price. When the
 * store does not list it, the reply says so rather than guessing, but it never denies a model
 * the store does list: an unknown stock number or another year gets the units of that model
 * the store has.
 */
export function describeInventory(
  vehicle: Vehicle | undefined,
  lookup: InventoryLookup,
  language: Language = "en",
): InventoryReply | undefined {
  if (!vehicle || (!vehicle.model && !vehicle.stock)) return undefined;
  const say = SAY[language];
  const units = (items: InventoryItem[]) => describeUnits(items, language);
  const { matches, unknownStock } = lookup;
  const sameModel = byStatus(lookup.sameModel ?? []);
  const wanted = { ...vehicle, stock: undefined };
  if (unknownStock) {
    const missing = say.missing(unknownStock);
    if (matches.length) return { text: say.butThisOne(missing, units(byStatus(matches))), asks: true };
    if (!vehicle.model) return { text: say.checkNumberOrModel(missing), asks: true };
    if (sameModel.length) return { text: say.butThisOne(missing, units(sameModel)), asks: true };
    return { text: say.neither(missing, describeWanted(wanted, language)), asks: true };
  }
  if (matches.length === 0) {
    // Another year of the model: worth naming only when the store can offer it.
    const offered = sameModel.filter(isOffered);
    if (offered.length)
      return { text: say.notListedBut(describeWanted(wanted, language), units(offered)), asks: false };
    return { text: say.notListed(describeWanted(vehicle, language)), asks: false };
  }
  return { text: capitalise(units(matches)), asks: false };
}
