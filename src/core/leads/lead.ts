import { BatonError } from "../errors/baton-error.js";
import type { TradeIn, Vehicle } from "../ports/brain.js";

/** How a lead reached Baton: an ADF/XML document from a lead provider, or a website form. */
export type LeadChannel = "adf" | "form";

/** A phone number as the lead gave it. */
export interface LeadPhone {
  number: string;
  /** Lower case, as the lead said it ("cellphone", "mobile", "voice", "home", "work"…); unset when it did not. */
  type?: string;
  /** When to call ("morning", "evening", "nopreference"). */
  time?: string;
}

/** The vehicle a lead asks about. */
export interface LeadVehicle extends Vehicle {
  /** ADF `interest`: buy | lease | sell | trade-in | test-drive. */
  interest?: string;
  /** ADF `status`: new | used. */
  condition?: string;
}

/** A lead from a website form or a lead provider, read but not yet stored. */
export interface IncomingLead {
  channel: LeadChannel;
  /** The provider's own id for this lead (ADF `<id>`, a form's `leadId`): a redelivery carries the same one. */
  providerLeadId?: string;
  /** Who delivered it: a lead provider or the website. */
  provider?: { name?: string; service?: string; url?: string };
  /** ADF `<vendor>`: the dealership the provider addressed. */
  vendor?: string;
  /** The lead's own request time, when it gave one that parses. */
  requestedAt?: Date;
  customer: { name?: string; phones: LeadPhone[]; email?: string; timeframe?: string };
  vehicle?: LeadVehicle;
  tradeIn?: TradeIn;
  comments?: string;
  /** True only when the customer ticked the form's SMS consent box. ADF has no such field: unset. */
  smsConsent?: boolean;
  /** The consent wording the customer agreed to, when the form sends it. */
  consentText?: string;
}

/** Where a conversation's leads came from, as stored (see `describeLeadSource` for the card). */
export interface LeadSource {
  channel: LeadChannel;
  provider?: string;
  vendor?: string;
  vehicle?: LeadVehicle;
  comments?: string;
  providerLeadId?: string;
  receivedAt: Date;
  /** Baton may text this customer on its own: a lead of this conversation agreed to texts. */
  smsConsent: boolean;
  /** The newest lead's first text: none | pending | deferred | sent | refused:<reason> | failed | skipped:<why>. */
  firstTouch: string;
  firstTouchAt?: Date;
  /** How many leads this conversation has had, repeats included. */
  leadCount: number;
  /** Some lead of this conversation came by ADF (from a CRM, or a provider that feeds one). */
  byAdf?: boolean;
}

/** A lead Baton will not take, with a reason the sender can act on. */
export class LeadRejected extends BatonError {
  constructor(
    override readonly code: "no_contact" | "invalid_phone" | "invalid_lead",
    message: string,
  ) {
    super(code, message);
  }
}
