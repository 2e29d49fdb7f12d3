import { DateTime } from "luxon";
import type { CrmLead, CrmTranscriptLine } from "../../../core/crm/crm-lead.js";

/** The whole document at most, in UTF-8 bytes: CRMs' comment fields and mail gateways choke on more. */
export const ADF_OUT_MAX_BYTES = 16 * 1024;

const SOURCE = "Baton SMS";
/**
 * Single-line fields (name, e-mail, make…) at most, in characters: far above real values, and
 * small enough that all of them together (worst case 6 bytes a character, "&quot;") leave the
 * comments several KB of the cap.
 */
const FIELD_MAX_CHARS = 120;
/** One transcript line at most, as written: under SMTP's 998-octet line limit for gateways that do not re-encode. */
const LINE_MAX_BYTES = 900;
const ELLIPSIS = "…";

// What XML 1.0 forbids: C0 controls but tab/LF/CR, U+FFFE/U+FFFF and (with the u flag, one code
// point each) lone surrogates. Removed, not replaced: a CRM shows nothing better for them.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Line ends as LF (a parser would turn a bare CR into LF anyway) and no forbidden characters. */
const clean = (text: string) => text.replace(/\r\n?/g, "\n").replace(FORBIDDEN, "");
// Only the five predefined entities, never numeric references: every XML reader decodes these.
const escape = (text: string) => clean(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
/** The bytes `text` takes once escaped. Additive over cleaned pieces, so budgets can be summed. */
const cost = (text: string) => Buffer.byteLength(escape(text), "utf8");

/** `text` cleaned, cut at a code point (ending "…") so that it costs at most `max` bytes. */
function fit(text: string, max: number): string {
  const cleaned = clean(text);
  if (cost(cleaned) <= max) return cleaned;
  let room = max - cost(ELLIPSIS);
  if (room < 0) return "";
  let out = "";
  for (const char of cleaned) {
    room -= cost(char);
    if (room < 0) break;
    out += char;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** A single-line field: trimmed, clipped, undefined when nothing is left. */
function field(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = clean(String(value)).replace(/\s+/g, " ").trim();
  if (text === "") return undefined;
  const chars = [...text];
  return chars.length <= FIELD_MAX_CHARS ? text : chars.slice(0, FIELD_MAX_CHARS - 1).join("") + ELLIPSIS;
}

const wholeNumber = (n: number | undefined) =>
  n !== undefined && Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;

interface Element {
  name: string;
  attributes?: Record<string, string | undefined>;
  /** Text (escaped when written) or child elements (absent ones skipped). */
  content: string | undefined | (Element | undefined)[];
}

const el = (name: string, content: Element["content"], attributes?: Element["attributes"]): Element | undefined => {
  const empty = content === undefined || (Array.isArray(content) && content.every((c) => c === undefined));
  return empty ? undefined : { name, attributes, content };
};

function render(element: Element, indent: string): string {
  const attributes = Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join("");
  const open = `${indent}<${element.name}${attributes}>`;
  if (!Array.isArray(element.content)) return `${open}${escape(element.content ?? "")}</${element.name}>`;
  const children = element.content.filter((c): c is Element => c !== undefined).map((c) => render(c, `${indent}  `));
  return [open, ...children, `${indent}</${element.name}>`].join("\n");
}

function transcriptLine(line: CrmTranscriptLine, timezone: string): string {
  const at = DateTime.fromJSDate(line.at, { zone: timezone });
  const when = at.isValid ? at.toFormat("yyyy-MM-dd h:mm a", { locale: "en-US" }) : "time unknown";
  // One message, one line: the transcript is read (and trimmed) line by line.
  const flat = (text: string) =>
    clean(text)
      .replace(/\s*\n\s*/g, " ")
      .trim();
  return fit(`[${when}] ${flat(line.who)}: ${flat(line.body)}`, LINE_MAX_BYTES);
}

/**
 * The lead's comments within `budget` bytes: header, summary and timing whole; then the newest
 * transcript lines that fit, saying how many older ones were left out. The header is cut only
 * when it alone does not fit.
 */
function comments(lead: CrmLead, timezone: string, budget: number): string {
  const summary = lead.summary?.trim();
  const timing = lead.timing?.trim();
  const head = clean(
    [`Texted the dealership by SMS. Department: ${lead.department}.`, summary, timing && `Customer's timing: ${timing}`]
      .filter((part) => part)
      .join("\n"),
  );
  const lines = lead.transcript.map((line) => transcriptLine(line, timezone));
  if (lines.length === 0) return fit(head, budget);

  const title = "\nConversation so far:";
  const leftOut = (n: number) => `\n(${n} earlier message${n === 1 ? "" : "s"} left out)`;
  const reserve = cost(title) + cost(leftOut(lines.length));
  if (cost(head) + reserve > budget) return fit(head, budget - reserve) + title + leftOut(lines.length);

  let room = budget - cost(head) - cost(title);
  const kept: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    // Keeping line i leaves the i before it out, and the note saying so must still fit.
    const need = cost(`\n${lines[i]}`) + (i > 0 ? cost(leftOut(i)) : 0);
    if (need > room) break;
    room -= cost(`\n${lines[i]}`);
    kept.unshift(lines[i] as string);
  }
  if (kept.length === 0) {
    // Not even the newest line fits whole (a huge summary): a cut one beats none.
    const space = room - cost(leftOut(lines.length - 1)) - 1;
    if (space >= 80) kept.push(fit(lines[lines.length - 1] as string, space));
  }
  const dropped = lines.length - kept.length;
  return [head + title + (dropped > 0 ? leftOut(dropped) : ""), ...kept].join("\n");
}

/**
 * One ADF/XML 1.0 document for the lead, as CRMs (VinSolutions, DealerSocket, Elead…) ingest by
 * e-mail, at most ADF_OUT_MAX_BYTES. Times are written in the rooftop's `timezone` (an IANA
 * zone; throws RangeError for an unknown one). Elements follow the ADF DTD's order.
 */
export function writeAdf(lead: CrmLead, options: { timezone: string }): string {
  const requested = DateTime.fromJSDate(lead.requestedAt, { zone: options.timezone });
  if (!requested.isValid) throw new RangeError(`cannot write the ADF request date: ${requested.invalidExplanation}`);
  // Whole seconds: some CRMs' parsers refuse fractions.
  const requestDate = requested.set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? "";
  const conversationId = field(lead.conversationId);
  const { vehicle, tradeIn, customer } = lead;

  const prospect = (commentText: string) =>
    el(
      "prospect",
      [
        el("id", conversationId, { sequence: "1", source: SOURCE }),
        el("requestdate", requestDate),
        vehicle &&
          el(
            "vehicle",
            [
              el("year", field(wholeNumber(vehicle.year))),
              el("make", field(vehicle.make)),
              el("model", field(vehicle.model)),
              el("vin", field(vehicle.vin?.toUpperCase())),
              el("stock", field(vehicle.stock)),
              el("trim", field(vehicle.trim)),
            ],
            { interest: "buy", status: vehicle.condition },
          ),
        tradeIn &&
          el(
            "vehicle",
            [
              el("year", field(wholeNumber(tradeIn.year))),
              el("make", field(tradeIn.make)),
              el("model", field(tradeIn.model)),
              el("odometer", field(wholeNumber(tradeIn.mileage)), { status: "unknown", units: "mi" }),
            ],
            { interest: "trade-in", status: "used" },
          ),
        el("customer", [
          el("contact", [
            el("name", field(customer.name), { part: "full" }),
            el("email", field(customer.email)),
            el("phone", field(customer.phone), { type: "cellphone" }),
          ]),
          el("comments", commentText),
        ]),
        el("vendor", [el("id", field(lead.vendor.id), { source: SOURCE }), el("vendorname", field(lead.vendor.name))]),
        el("provider", [
          el("id", conversationId, { source: SOURCE }),
          el("name", SOURCE, { part: "full" }),
          el("service", "SMS conversation"),
        ]),
      ],
      { status: "new" },
    ) as Element;

  const write = (commentText: string) =>
    [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<?adf version="1.0"?>`,
      render({ name: "adf", content: [prospect(commentText)] }, ""),
      "",
    ].join("\n");

  // Everything but the comments has a bounded size; the comments get what is left.
  const budget = ADF_OUT_MAX_BYTES - Buffer.byteLength(write(""), "utf8");
  return write(comments(lead, options.timezone, budget));
}
