import type { Knowledge } from "../../knowledge/knowledge.js";
import type { ReplyViolation } from "./reply-violation.js";
import { storeTextOf } from "./store-text.js";

const URL =
  /\b(?:https?:\/\/|www\.)[^\s<>"')]+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|us|info|biz|ly|me|app|example|link|site|online|xyz|gl|to|mx|store|shop|cars|auto|finance|loans|credit)\b(?:\/[^\s<>"')]*)?/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const PHONE = /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\b\d{3}[\s.-]\d{4}\b/g;
const STREET =
  /\b\d{2,6}\s+(?:[A-Za-z0-9][\w.]*\s+){0,4}?(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|pkwy|parkway|way|hwy|highway|ct|court|pl|place|cir|circle|calle|avenida|av)\b\.?/gi;

const digitsOf = (s: string) => s.replace(/\D/g, "");

const STREET_WORDS: Record<string, string> = {
  st: "street",
  ave: "avenue",
  av: "avenida",
  rd: "road",
  blvd: "boulevard",
  dr: "drive",
  ln: "lane",
  pkwy: "parkway",
  hwy: "highway",
  ct: "court",
  pl: "place",
  cir: "circle",
};

/** Lower case, single spaces, street abbreviations spelt out: how two writings of an address compare. */
function streetForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.,]/g, " ")
    .split(/\s+/)
    .map((w) => STREET_WORDS[w] ?? w)
    .join(" ")
    .trim();
}

function hostOf(url: string): string {
  return url
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .split(/[/?#]/)[0]!
    .replace(/\.$/, "");
}

/** Where a contact appears in the reply, so the number check does not judge its digits again. */
export interface ContactFinding {
  violations: ReplyViolation[];
  /** The reply with every link, email, phone number and street address blanked out. */
  rest: string;
}

/**
 * Links, emails, phone numbers and street addresses come only from the knowledge file (or are
 * the customer's own, repeated back). A model that invents a credit-application link or a
 * salesperson's cell is sending the customer somewhere the store never chose.
 */
export function checkContacts(reply: string, knowledge: Knowledge, customerText: string): ContactFinding {
  const store = storeTextOf(knowledge).plain;
  const storeDigits = [
    knowledge.mainPhone,
    ...knowledge.departments.map((d) => d.phone),
    ...[...store.matchAll(PHONE)].map((m) => m[0]),
  ]
    .filter((s): s is string => !!s)
    .map(digitsOf);
  const customer = customerText.toLowerCase();
  const violations: ReplyViolation[] = [];
  let rest = reply;
  const blank = (raw: string) => (rest = rest.replace(raw, " ".repeat(raw.length)));

  for (const m of reply.matchAll(EMAIL)) {
    if (!store.includes(m[0].toLowerCase()) && !customer.includes(m[0].toLowerCase()))
      violations.push({ rule: "foreign_contact", matched: m[0] });
    blank(m[0]);
  }
  for (const m of rest.matchAll(URL)) {
    const host = hostOf(m[0]);
    if (!store.includes(host) && !customer.includes(host)) violations.push({ rule: "foreign_contact", matched: m[0] });
    blank(m[0]);
  }
  for (const m of rest.matchAll(PHONE)) {
    // Ten digits when the reply gives an area code ("800" is not "817"), else the seven it gives.
    const all = digitsOf(m[0]);
    const digits = all.length >= 10 ? all.slice(-10) : all.slice(-7);
    const known = storeDigits.some((d) => d.includes(digits)) || digitsOf(customerText).includes(digits);
    if (!known) violations.push({ rule: "foreign_contact", matched: m[0] });
    blank(m[0]);
  }
  const addresses = streetForm(
    [
      knowledge.address,
      knowledge.directions,
      knowledge.directionsEs,
      ...knowledge.faq.flatMap((f) => [f.answer, f.answerEs]),
    ].join(" "),
  );
  for (const m of rest.matchAll(STREET)) {
    // The whole street must be the store's: "4810 Ridgeline Drive" is not "4810 Ridgeline Parkway".
    const street = streetForm(m[0]);
    if (!addresses.includes(street) && !streetForm(customerText).includes(street))
      violations.push({ rule: "foreign_contact", matched: m[0].trim() });
    blank(m[0]);
  }
  return { violations, rest };
}
