import type { LeadFields, Vehicle } from "../ports/brain.js";
import type { NewLead } from "../ports/lead-store.js";
import type { LeadSettings } from "../ports/rooftops.js";
import { choosePhone } from "./choose-phone.js";
import { vehicleKey } from "./describe-vehicle.js";
import { LeadRejected, type IncomingLead } from "./lead.js";
import { summariseLead } from "./describe-lead-source.js";

/** The same person and vehicle again within a day is the same lead: not texted twice. */
export const REPEAT_WINDOW_MS = 24 * 60 * 60_000;

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}$/i;

export interface PreparedLead {
  record: NewLead;
}

function providerLabel(lead: IncomingLead): string | undefined {
  const { name, service } = lead.provider ?? {};
  if (name && service && service.toLowerCase() !== name.toLowerCase()) return `${name} (${service})`;
  return name ?? service;
}

/**
 * Checks a lead and turns it into what the store keeps. Consent, conservatively: a form lead
 * only with its `smsConsent` box ticked; an ADF lead (ADF has no consent field) only when the
 * rooftop says its providers collect consent (`adfImpliesSmsConsent`, off by default).
 */
export function prepareLead(input: {
  lead: IncomingLead;
  dealershipId: string;
  settings?: LeadSettings;
  receivedAt: Date;
  raw?: string;
}): PreparedLead {
  const { lead } = input;
  const given = lead.customer.phones.filter((p) => p.number.trim() !== "");
  const choice = choosePhone(given);
  const email = lead.customer.email?.trim();
  const validEmail = email && EMAIL.test(email) && email.length <= 254 ? email : undefined;

  if (lead.channel === "form" && given.length > 0 && !choice.phone) {
    throw new LeadRejected("invalid_phone", "phone: not a valid US phone number (10 digits, like 512-555-0123)");
  }
  if (!choice.phone && !validEmail) {
    throw new LeadRejected(
      given.length > 0 ? "invalid_phone" : "no_contact",
      given.length > 0
        ? "no usable contact: the customer's phone number is not valid and there is no valid e-mail"
        : "no usable contact: the lead has no phone number and no valid e-mail",
    );
  }

  const smsConsent = lead.channel === "form" ? lead.smsConsent === true : input.settings?.adfImpliesSmsConsent === true;
  const consentSource = smsConsent ? (lead.channel === "form" ? "form_checkbox" : "adf_rooftop_setting") : undefined;
  const wantsFirstTouch = smsConsent && choice.textable && choice.phone !== undefined;
  const v = lead.vehicle;
  const vehicle: Vehicle | undefined = v
    ? { year: v.year, make: v.make, model: v.model, trim: v.trim, stock: v.stock, vin: v.vin }
    : undefined;
  const fields: LeadFields = {
    name: lead.customer.name,
    email: validEmail,
    vehicle,
    tradeIn: lead.tradeIn,
    timing: lead.customer.timeframe,
    preferredContactTime: choice.preferredTime,
  };
  const provider = providerLabel(lead);
  const dedupeKey = lead.providerLeadId
    ? `${input.dealershipId}:${lead.channel}:${(lead.provider?.name ?? "").toLowerCase()}:${lead.providerLeadId}`.slice(
        0,
        500,
      )
    : undefined;

  return {
    record: {
      dealershipId: input.dealershipId,
      receivedAt: input.receivedAt,
      channel: lead.channel,
      providerName: provider,
      providerLeadId: lead.providerLeadId,
      dedupeKey,
      vendorName: lead.vendor,
      vehicle: v,
      vehicleKey: vehicleKey(v),
      comments: lead.comments,
      phone: choice.phone,
      email: validEmail,
      customerName: lead.customer.name,
      smsConsent,
      consentSource,
      consentText: lead.consentText,
      requestedAt: lead.requestedAt,
      raw: input.raw,
      fields,
      summary: summariseLead({ channel: lead.channel, provider, vehicle: v, comments: lead.comments }),
      department: "sales",
      firstTouch: wantsFirstTouch ? "pending" : smsConsent ? "skipped:no_mobile" : "none",
      repeatWindowMs: REPEAT_WINDOW_MS,
    },
  };
}
