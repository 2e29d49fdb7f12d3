import type { InventoryItem } from "../../../core/knowledge/knowledge.js";
import type { Vehicle } from "../../../core/ports/brain.js";

function name(item: InventoryItem): string {
  const colour = item.color ? `${item.color.toLowerCase()} ` : "";
  return `${colour}${item.year} ${item.make} ${item.model}${item.trim ? ` ${item.trim}` : ""} (stock ${item.stock})`;
}

const STATUS: Record<InventoryItem["status"], string> = {
  available: "is available on our lot",
  in_transit: "is on its way to us and not on the lot yet",
  pending: "is on hold for another customer right now",
  sold: "has been sold",
};

function describeWanted(vehicle: Vehicle): string {
  if (vehicle.stock && !vehicle.model) return `stock ${vehicle.stock}`;
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

function describeUnits(units: InventoryItem[]): string {
  const [first, second] = units;
  const lead = `the ${name(first!)} ${STATUS[first!.status]}.`;
  if (!second) return lead;
  const others = units.length - 1;
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

/**
 * What the inventory says about the vehicle asked for: its status, never its price. When the
 * store does not list it, the reply says so rather than guessing, but it never denies a model
 * the store does list: an unknown stock number or another year gets the units of that model
 * the store has.
 */
export function describeInventory(vehicle: Vehicle | undefined, lookup: InventoryLookup): InventoryReply | undefined {
  if (!vehicle || (!vehicle.model && !vehicle.stock)) return undefined;
  const { matches, unknownStock } = lookup;
  const sameModel = byStatus(lookup.sameModel ?? []);
  const wanted = { ...vehicle, stock: undefined };
  if (unknownStock) {
    const missing = `I can't find stock ${unknownStock} in our current listings`;
    if (matches.length) return { text: `${missing}, but ${describeUnits(byStatus(matches))} Is that the one you mean?`, asks: true };
    if (!vehicle.model) return { text: `${missing}. Could you double-check the number, or tell me the year and model you saw?`, asks: true };
    if (sameModel.length) return { text: `${missing}, but ${describeUnits(sameModel)} Is that the one you mean?`, asks: true };
    return { text: `${missing}, and I don't see ${describeWanted(wanted)} there either. Could you double-check the number?`, asks: true };
  }
  if (matches.length === 0) {
    // Another year of the model: worth naming only when the store can offer it.
    const offered = sameModel.filter(isOffered);
    if (offered.length) return { text: `I don't see ${describeWanted(wanted)} in our current listings, but ${describeUnits(offered)}`, asks: false };
    return { text: `I don't see ${describeWanted(vehicle)} in our current listings.`, asks: false };
  }
  return { text: capitalise(describeUnits(matches)), asks: false };
}
