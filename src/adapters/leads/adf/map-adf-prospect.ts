import type { TradeIn } from "../../../core/ports/brain.js";
import type { IncomingLead, LeadPhone, LeadVehicle } from "../../../core/leads/lead.js";
import { attr, attrRaw, child, children, childText, textOf, type AdfNode } from "./adf-nodes.js";
import { parseRequestDate } from "./parse-request-date.js";

const clip = (text: string | undefined, max: number) => (text ? text.slice(0, max) : undefined);
const TRADE = new Set(["trade-in", "tradein", "trade", "sell"]);

function yearOf(text: string | undefined): number | undefined {
  const year = Number(text?.trim());
  return Number.isInteger(year) && year >= 1900 && year <= 2100 ? year : undefined;
}

function readVehicle(node: AdfNode): LeadVehicle {
  return {
    year: yearOf(childText(node, "year")),
    make: clip(childText(node, "make"), 60),
    model: clip(childText(node, "model"), 80),
    trim: clip(childText(node, "trim"), 80),
    vin: clip(childText(node, "vin")?.toUpperCase(), 17),
    stock: clip(childText(node, "stock"), 40),
    interest: attr(node, "interest"),
    condition: attr(node, "status"),
  };
}

function readTradeIn(node: AdfNode): TradeIn {
  const miles = Number(childText(node, "odometer")?.replace(/[,\s]/g, ""));
  return {
    year: yearOf(childText(node, "year")),
    make: clip(childText(node, "make"), 60),
    model: clip(childText(node, "model"), 80),
    mileage: Number.isFinite(miles) && miles > 0 ? Math.round(miles) : undefined,
  };
}

/** "full" wins; else first and last (ADF also says "surname"). */
function readName(contact: AdfNode | undefined): string | undefined {
  const names = children(contact, "name");
  const part = (p: string) => textOf(names.find((n) => (attr(n, "part") ?? "full") === p));
  const full =
    part("full") ?? [part("first"), part("middle"), part("last") ?? part("surname")].filter(Boolean).join(" ");
  return clip(full?.replace(/\s+/g, " ").trim() || undefined, 120);
}

function readPhones(contact: AdfNode | undefined): LeadPhone[] {
  return children(contact, "phone")
    .map((p) => ({ number: textOf(p) ?? "", type: attr(p, "type"), time: attr(p, "time") }))
    .filter((p) => p.number !== "")
    .slice(0, 10);
}

function readTimeframe(customer: AdfNode | undefined): string | undefined {
  const frame = child(customer, "timeframe");
  if (!frame) return undefined;
  const words = [
    childText(frame, "description"),
    childText(frame, "earliestdate") && `from ${childText(frame, "earliestdate")}`,
    childText(frame, "latestdate") && `by ${childText(frame, "latestdate")}`,
  ];
  return clip(words.filter(Boolean).join(" ") || textOf(frame), 200);
}

/** One <prospect> as a lead. Nothing here rejects: prepareLead decides what is usable. */
export function mapAdfProspect(prospect: AdfNode, options: { timezone: string }): IncomingLead {
  const customer = child(prospect, "customer");
  const contact = child(customer, "contact");
  const vehicles = children(prospect, "vehicle");
  const wanted = vehicles.find((v) => !TRADE.has(attr(v, "interest") ?? "")) ?? vehicles[0];
  const trade = vehicles.find((v) => v !== wanted && TRADE.has(attr(v, "interest") ?? ""));
  const id = children(prospect, "id").find((node) => textOf(node));
  const provider = child(prospect, "provider");
  const vendor = child(prospect, "vendor");
  const vehicleNotes = wanted ? childText(wanted, "comments") : undefined;
  const comments = [childText(customer, "comments"), vehicleNotes && `About the vehicle: ${vehicleNotes}`]
    .filter(Boolean)
    .join("\n");

  return {
    channel: "adf",
    providerLeadId: clip(id ? [attrRaw(id, "source"), textOf(id)].filter(Boolean).join(":") : undefined, 200),
    provider: provider
      ? {
          name: clip(childText(provider, "name"), 120),
          service: clip(childText(provider, "service"), 120),
          url: clip(childText(provider, "url"), 300),
        }
      : undefined,
    vendor: clip(childText(vendor, "vendorname") ?? readName(child(vendor, "contact")), 120),
    requestedAt: parseRequestDate(childText(prospect, "requestdate"), options.timezone),
    customer: {
      name: readName(contact),
      phones: readPhones(contact),
      email: clip(childText(contact, "email"), 254),
      timeframe: readTimeframe(customer),
    },
    vehicle: wanted ? readVehicle(wanted) : undefined,
    tradeIn: trade ? readTradeIn(trade) : undefined,
    comments: clip(comments || undefined, 5000),
  };
}
