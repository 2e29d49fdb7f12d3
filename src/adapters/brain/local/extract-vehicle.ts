import {
  findVehicleMentions,
  foldVehicleText,
  type VehicleMention,
} from "../../../core/brain/find-vehicle-mentions.js";
import type { InventoryItem } from "../../../core/knowledge/knowledge.js";
import type { TradeIn, Vehicle } from "../../../core/ports/brain.js";
import type { VehicleContext } from "./classify-department.js";
import { TRADE_ASK } from "./department-cues.js";
import { normaliseText } from "./normalise-text.js";

export interface VehicleFinding {
  vehicle?: Vehicle;
  tradeIn?: TradeIn;
  context: VehicleContext;
  /** Inventory items the text points at (by stock number, or by model and year). */
  matches: InventoryItem[];
  /** A stock number the text gives that no listed unit has ("stock # T4471" from an old ad). */
  unknownStock?: string;
  /**
   * Units of the model asked about when nothing matches exactly (another year, an unknown stock
   * number): what the store does have of that model, so a reply never denies a model it lists.
   */
  sameModel: InventoryItem[];
  colour?: string;
}

const TRIMS = new Set([
  "le",
  "se",
  "xle",
  "xse",
  "limited",
  "platinum",
  "trd",
  "pro",
  "sr",
  "sr5",
  "lx",
  "ex",
  "exl",
  "ex-l",
  "sport",
  "touring",
  "lariat",
  "xlt",
  "xl",
  "raptor",
  "tremor",
  "rubicon",
  "sahara",
  "willys",
  "overland",
  "summit",
  "laramie",
  "rebel",
  "lt",
  "ltz",
  "rst",
  "z71",
  "denali",
  "at4",
  "sx",
  "prestige",
  "calligraphy",
  "sel",
  "premium",
  "wilderness",
  "onyx",
  "gt",
  "eco",
  "hybrid",
  "prime",
  "crewmax",
  "nightshade",
  "woodland",
  "capstone",
  "quadrifoglio",
  "si",
  "hatch",
  "trailhawk",
  "badlands",
]);
const COLOURS = [
  "white",
  "black",
  "silver",
  "grey",
  "gray",
  "red",
  "blue",
  "green",
  "tan",
  "beige",
  "gold",
  "orange",
  "yellow",
  "brown",
  "maroon",
  "pearl",
  "bronze",
  "purple",
  "roja",
  "rojo",
  "blanca",
  "negra",
  "azul",
  "gris",
];
const OWNER = /^(?:my|our|his|her|their|wifes?|husbands?|moms?|dads?|sons?|daughters?|current|old)$/;
const TRADE =
  /\btrad(?:e|es|ed|ing)\b|\bapprais\w*|\bworth\b|\bvalue\b|\bwhat would you (?:give|pay)\b|\bbuy my\b|\bbuy cars\b|\bsell (?:you )?my\b/;

function readYear(words: string[], at: number): number | undefined {
  for (const w of words.slice(Math.max(0, at - 3), at + 4)) {
    if (/^(?:19[89]\d|20[0-2]\d|2030)$/.test(w)) return Number(w);
  }
  return undefined;
}

function readShortYear(text: string): number | undefined {
  const m = /'(\d{2})\b/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n <= 30 ? 2000 + n : n >= 80 ? 1900 + n : undefined;
}

function readTrim(words: string[], mention: VehicleMention): string | undefined {
  const after = words.slice(mention.at + mention.length, mention.at + mention.length + 3);
  const trims: string[] = [];
  for (const w of after) {
    if (!TRIMS.has(w)) break;
    trims.push(w.length <= 4 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1));
  }
  return trims.length ? trims.join(" ") : undefined;
}

function isOwned(words: string[], mention: VehicleMention): boolean {
  return words.slice(Math.max(0, mention.at - 5), mention.at).some((w) => OWNER.test(w));
}

function readStock(text: string, inventory: InventoryItem[]): string | undefined {
  const explicit =
    /\b(?:stock|stk)\s*(?:#|no\.?|number)?\s*:?\s*#?\s*([a-z]{0,3}\d{3,7}[a-z]?)\b/i.exec(text) ??
    /#\s?([a-z]{1,3}\d{3,7})\b/i.exec(text);
  if (explicit) return explicit[1]!.toUpperCase();
  const words = new Set(text.toUpperCase().split(/[^A-Z0-9-]+/));
  return inventory.find((item) => words.has(item.stock.toUpperCase()))?.stock;
}

function readVin(text: string): string | undefined {
  const m = /\b[A-HJ-NPR-Z0-9]{17}\b/.exec(text.toUpperCase());
  return m && /\d/.test(m[0]) && /[A-Z]/.test(m[0]) ? m[0] : undefined;
}

function readMileage(text: string): number | undefined {
  const m =
    /\b(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d)?\s?k)\s*(?:miles|mi)\b/i.exec(text) ??
    /\b(\d{2,3})k\b(?!\s*(?:down|cash|\$|for|off|otd|out))/i.exec(text);
  if (!m) return undefined;
  const raw = m[1]!.toLowerCase().replace(/,/g, "");
  return raw.endsWith("k") ? Math.round(Number(raw.replace(/\s?k$/, "")) * 1000) : Number(raw);
}

function matchStock(inventory: InventoryItem[], stock: string | undefined): InventoryItem[] {
  return stock ? inventory.filter((item) => item.stock.toUpperCase() === stock.toUpperCase()) : [];
}

/** Units of the named model and year (a colour narrows them when it can); stock numbers aside. */
function matchInventory(
  inventory: InventoryItem[],
  vehicle: Vehicle | undefined,
  colour: string | undefined,
): InventoryItem[] {
  if (!vehicle?.model) return [];
  const same = inventory.filter(
    (item) =>
      item.model.toLowerCase() === vehicle.model!.toLowerCase() &&
      (!vehicle.year || item.year === vehicle.year) &&
      (!vehicle.make || item.make.toLowerCase() === vehicle.make.toLowerCase()),
  );
  const coloured = colour ? same.filter((item) => item.color?.toLowerCase().includes(colour)) : [];
  return coloured.length ? coloured : same;
}

/** The vehicle a text is about, a trade-in if it offers one, and which inventory units match. */
export function extractVehicle(text: string, inventory: InventoryItem[]): VehicleFinding {
  const words = foldVehicleText(text);
  const mentions = findVehicleMentions(text);
  const withModel = mentions.filter((m) => m.model);
  const trading = TRADE.test(text.toLowerCase()) || TRADE_ASK.test(normaliseText(text));
  const ownedMention = withModel.find((m) => isOwned(words, m));
  const wantedMention = withModel.find((m) => !isOwned(words, m)) ?? (trading ? undefined : ownedMention);
  const makeOnly = mentions.find((m) => !m.model);
  const colour = COLOURS.find((c) => words.includes(c));

  const describe = (m: VehicleMention): Vehicle => ({
    year: readYear(words, m.at) ?? readShortYear(text),
    make: m.make,
    model: m.model,
    trim: readTrim(words, m),
  });
  let vehicle: Vehicle | undefined = wantedMention
    ? describe(wantedMention)
    : makeOnly
      ? { make: makeOnly.make }
      : undefined;
  const stock = readStock(text, inventory);
  const vin = readVin(text);
  if (stock || vin) vehicle = { ...vehicle, stock, vin };

  // The customer's own car ("my '19 Silverado needs brakes") is not a unit for sale.
  const ownCar = !!wantedMention && isOwned(words, wantedMention) && !stock;
  const byStock = matchStock(inventory, stock);
  // A stock number the store does not list (a typo, an old ad) does not erase the model named beside it.
  const matches = ownCar ? [] : byStock.length ? byStock : matchInventory(inventory, vehicle, colour);
  const unknownStock = stock && byStock.length === 0 ? stock : undefined;
  const sameModel =
    ownCar || matches.length > 0 || !vehicle?.model
      ? []
      : inventory.filter(
          (item) =>
            item.model.toLowerCase() === vehicle!.model!.toLowerCase() &&
            (!vehicle!.make || item.make.toLowerCase() === vehicle!.make.toLowerCase()),
        );
  if (vehicle && byStock[0])
    vehicle = {
      ...vehicle,
      year: byStock[0].year,
      make: byStock[0].make,
      model: byStock[0].model,
      trim: byStock[0].trim,
    };

  const tradeIn: TradeIn | undefined =
    trading && ownedMention ? { ...describe(ownedMention), mileage: readMileage(text) } : undefined;
  if (tradeIn) delete (tradeIn as Vehicle).trim;

  return {
    vehicle,
    tradeIn,
    matches,
    unknownStock,
    sameModel,
    colour,
    context: {
      modelNamed: withModel.length > 0 || !!stock,
      makeNamed: !!makeOnly,
      owned: withModel.length > 0 ? withModel.every((m) => isOwned(words, m)) : !!makeOnly && isOwned(words, makeOnly),
    },
  };
}
