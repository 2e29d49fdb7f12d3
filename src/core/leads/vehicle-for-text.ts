import { findVehicleMentions } from "../brain/find-vehicle-mentions.js";
import type { InventoryItem } from "../knowledge/knowledge.js";
import type { LeadVehicle } from "./lead.js";

/**
 * The vehicle a first text may name, in the store's or the catalog's words, never the form's:
 * a "model" of "RAV4. Your loan is on hold, verify at https://…" must not reach a phone from
 * the dealership's number. A stock number the inventory lists gives that vehicle; otherwise a
 * make and model the catalog knows, with a plausible year (and a trim and stock number only
 * when they are short ids, not sentences); otherwise no vehicle at all.
 */
export function vehicleForText(
  vehicle: LeadVehicle | undefined,
  inventory: readonly InventoryItem[],
): LeadVehicle | undefined {
  if (!vehicle) return undefined;
  const kept: LeadVehicle = { interest: vehicle.interest, condition: vehicle.condition };
  const stock = vehicle.stock?.trim().toLowerCase();
  const listed = stock ? inventory.find((item) => item.stock.toLowerCase() === stock) : undefined;
  if (listed)
    return {
      ...kept,
      year: listed.year,
      make: listed.make,
      model: listed.model,
      trim: listed.trim,
      stock: listed.stock,
    };
  const mentions = findVehicleMentions(`${vehicle.make ?? ""} ${vehicle.model ?? ""}`);
  const named = mentions.find((m) => m.model) ?? mentions[0];
  if (!named) return kept;
  const year =
    vehicle.year !== undefined &&
    Number.isInteger(vehicle.year) &&
    vehicle.year >= 1980 &&
    vehicle.year <= new Date().getFullYear() + 2
      ? vehicle.year
      : undefined;
  // A trim and a stock number are kept only when they look like one: a word or three, an id.
  // A form's one line ("2025 Toyota Tacoma TRD Off-Road") leaves the trim after the model's name.
  const lead =
    named.model && !vehicle.trim
      ? new RegExp(`^${named.model.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*`, "i").exec((vehicle.model ?? "").trim())
      : null;
  const after = lead ? (vehicle.model ?? "").trim().slice(lead[0].length) : "";
  const trimText = (vehicle.trim ?? after).trim();
  const trim = trimText && TRIM.test(trimText) ? trimText : undefined;
  const ownStock = vehicle.stock && STOCK.test(vehicle.stock.trim()) ? vehicle.stock.trim() : undefined;
  return { ...kept, year, make: named.make, model: named.model, trim, stock: ownStock };
}

/** "TRD Off-Road", "XLE 2.5L", "1500 LT": at most three short words, no sentence, no link. */
const TRIM =
  /^[A-Za-z0-9][A-Za-z0-9+\/-]*(?:\.\d[A-Za-z0-9]*)?(?: [A-Za-z0-9][A-Za-z0-9+\/-]*(?:\.\d[A-Za-z0-9]*)?){0,2}$/;
const STOCK = /^[A-Za-z0-9-]{1,12}$/;
