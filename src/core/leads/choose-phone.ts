import type { LeadPhone } from "./lead.js";
import { normaliseUsPhone } from "./normalise-phone.js";

/**
 * Types a text can reach. ADF's DTD makes "voice" the default type, so an ADF phone with no
 * type reads as "voice": both count as unspecified. Home, work, fax and pager lines do not.
 */
const MOBILE_TYPES = new Set([
  "cellphone",
  "cell",
  "mobile",
  "mobilephone",
  "cell phone",
  "mobile phone",
  "sms",
  "text",
  "wireless",
]);
const UNSPECIFIED_TYPES = new Set(["voice", "phone", ""]);

export interface PhoneChoice {
  /** The customer's number in E.164: the one to text, else the first valid one (for a call). */
  phone?: string;
  /** True when `phone` is a mobile or unspecified line, so a text can reach it. */
  textable: boolean;
  /** When the lead said to call, from that phone's `time`. */
  preferredTime?: string;
  /** Numbers given that are not valid phone numbers. */
  invalid: number;
}

function rank(phone: LeadPhone): number {
  const type = (phone.type ?? "").trim().toLowerCase();
  if (MOBILE_TYPES.has(type)) return 0;
  if (UNSPECIFIED_TYPES.has(type)) return 1;
  return 2;
}

/** Picks the number Baton keeps for the customer: a mobile first, then an unspecified line, then any. */
export function choosePhone(phones: LeadPhone[]): PhoneChoice {
  const valid = phones
    .map((p, index) => ({ p, index, e164: normaliseUsPhone(p.number) }))
    .filter((x): x is { p: LeadPhone; index: number; e164: string } => x.e164 !== undefined)
    .sort((a, b) => rank(a.p) - rank(b.p) || a.index - b.index);
  const best = valid[0];
  const invalid = phones.length - valid.length;
  if (!best) return { textable: false, invalid };
  const time = best.p.time?.trim().toLowerCase();
  return {
    phone: best.e164,
    textable: rank(best.p) < 2,
    preferredTime: time && time !== "nopreference" ? time : undefined,
    invalid,
  };
}
