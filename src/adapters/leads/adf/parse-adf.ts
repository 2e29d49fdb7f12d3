import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AdfRejected } from "./adf-rejected.js";
import { children, type AdfNode } from "./adf-nodes.js";

/** Far above a real lead (a few KB), far below anything that could hurt. */
export const ADF_MAX_BYTES = 256 * 1024;
export const ADF_MAX_PROSPECTS = 20;

/** Elements ADF allows more than once: always arrays, so one and many read the same. */
const REPEATED = new Set([
  "prospect",
  "vehicle",
  "name",
  "phone",
  "email",
  "id",
  "street",
  "option",
  "colorcombination",
  "amount",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  // Values stay text: a stock "00123" or a ZIP "02134" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // No entity expansion by the parser at all; adf-nodes decodes the five predefined ones.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: "#cdata",
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  // Real-world senders write <ADF>, <Prospect>, PART="first".
  transformTagName: (name) => name.toLowerCase(),
  transformAttributeName: (name) => name.toLowerCase(),
  isArray: (name) => REPEATED.has(name),
  maxNestedTags: 32,
});

/**
 * Reads an ADF document, strictly and safely. Refused before any parsing: over 256 KB, or any
 * DOCTYPE or ENTITY declaration (XXE, "billion laughs"): ADF needs neither, so a document with
 * one is refused whole, not cleaned. Then it must be well-formed XML whose root is <adf> with
 * at least one <prospect>. Tolerated: no XML declaration, an upper-case <?ADF VERSION?>,
 * CDATA, upper-case tags and attributes, namespace prefixes, unknown elements.
 */
export function parseAdf(xml: string): AdfNode[] {
  if (Buffer.byteLength(xml, "utf8") > ADF_MAX_BYTES)
    throw new AdfRejected("too_large", `document over ${ADF_MAX_BYTES / 1024} KB`);
  const text = xml.replace(/^\uFEFF/, "");
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new AdfRejected("forbidden_markup", "DOCTYPE and ENTITY declarations are not accepted (ADF needs neither)");
  }
  if (text.trim() === "") throw new AdfRejected("malformed", "empty body: expected an ADF XML document");
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true)
    throw new AdfRejected(
      "malformed",
      `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );

  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new AdfRejected("malformed", `not readable XML: ${(error as Error).message}`);
  }
  const roots = Object.keys(document);
  if (roots.length !== 1 || roots[0] !== "adf")
    throw new AdfRejected("not_adf", `expected the root element <adf>, found <${roots[0] ?? "nothing"}>`);
  const prospects = children(document.adf, "prospect");
  if (prospects.length === 0) throw new AdfRejected("not_adf", "the document has no <prospect>");
  if (prospects.length > ADF_MAX_PROSPECTS)
    throw new AdfRejected("too_many_prospects", `at most ${ADF_MAX_PROSPECTS} prospects per document`);
  return prospects;
}
