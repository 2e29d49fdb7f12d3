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

/**
 * What the inventory says about the vehicle asked for: its status, never its price. When the
 * store does not list it, the reply says so rather than guessing.
 */
export function describeInventory(vehicle: Vehicle | undefined, matches: InventoryItem[]): string | undefined {
  if (!vehicle || (!vehicle.model && !vehicle.stock)) return undefined;
  if (matches.length === 0) return `I don't see ${describeWanted(vehicle)} in our current listings.`;
  const [first, second] = matches;
  const lead = `The ${name(first!)} ${STATUS[first!.status]}.`;
  if (!second) return lead;
  const others = matches.length - 1;
  return `${lead} We list ${others} more ${first!.model}${others > 1 ? "s" : ""} too.`;
}
