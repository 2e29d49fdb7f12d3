import type { LeadVehicle } from "./lead.js";

/** "2025 Toyota Tacoma TRD Off-Road", or "" when the lead named no vehicle. */
export function vehicleName(v: LeadVehicle | undefined): string {
  return v ? [v.year, v.make, v.model, v.trim].filter(Boolean).join(" ").replace(/\s+/g, " ").trim() : "";
}

/** "2025 Toyota Tacoma TRD Off-Road, stock 45821 (new; interest: buy)": everything a rep reads on the card. */
export function describeVehicleFully(v: LeadVehicle | undefined): string | undefined {
  if (!v) return undefined;
  const name = vehicleName(v);
  const ids = [v.stock ? `stock ${v.stock}` : "", v.vin ? `VIN ${v.vin}` : ""].filter(Boolean).join(", ");
  const notes = [v.condition, v.interest ? `interest: ${v.interest}` : ""].filter(Boolean).join("; ");
  const text = [name, ids].filter(Boolean).join(", ") + (notes ? ` (${notes})` : "");
  return text.trim() || undefined;
}

/**
 * What makes two leads "the same vehicle" for the 24-hour repeat rule: the VIN, else the stock
 * number, else year, make and model; lower case. Undefined when the lead named no vehicle.
 */
export function vehicleKey(v: LeadVehicle | undefined): string | undefined {
  if (!v) return undefined;
  const clean = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  if (v.vin?.trim()) return `vin:${clean(v.vin)}`;
  if (v.stock?.trim()) return `stock:${clean(v.stock)}`;
  const ymm = [v.year, v.make, v.model].filter(Boolean).join(" ");
  return ymm ? `ymm:${clean(ymm)}` : undefined;
}
