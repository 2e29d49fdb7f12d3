/** A parsed XML element: text, attributes ("@name"), CDATA ("#cdata") and child elements. */
export type AdfNode = string | { [key: string]: unknown };

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * XML's five predefined entities and numeric character references, in one pass (so "&amp;#65;"
 * stays "&#65;"). Anything else is left as written: a document with a DOCTYPE never gets here,
 * so no entity can be declared, let alone expanded.
 */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/gi,
    (whole, hex: string, dec: string, name: string) => {
      if (name) return PREDEFINED[name.toLowerCase()] ?? whole;
      const code = hex ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    },
  );
}

const isElement = (node: unknown): node is Record<string, unknown> =>
  typeof node === "object" && node !== null && !Array.isArray(node);

/** The child elements called `name` (always an array; none when absent or when `node` is text). */
export function children(node: unknown, name: string): AdfNode[] {
  if (!isElement(node)) return [];
  const value = node[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as AdfNode[];
}

export function child(node: unknown, name: string): AdfNode | undefined {
  return children(node, name)[0];
}

/** The element's text (entities decoded) and CDATA (as written), trimmed; undefined when empty. */
export function textOf(node: unknown): string | undefined {
  let text: string;
  if (typeof node === "string" || typeof node === "number") text = decodeEntities(String(node));
  else if (isElement(node)) {
    const plain =
      typeof node["#text"] === "string" || typeof node["#text"] === "number"
        ? decodeEntities(String(node["#text"]))
        : "";
    const cdata = children(node, "#cdata").map(String).join("\n");
    text = [plain, cdata].filter((s) => s.trim()).join("\n");
  } else return undefined;
  const trimmed = text.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** The text of the first child called `name`. */
export function childText(node: unknown, name: string): string | undefined {
  for (const c of children(node, name)) {
    const text = textOf(c);
    if (text) return text;
  }
  return undefined;
}

/** An attribute's value, lower case and trimmed (ADF attribute values are keywords). */
export function attr(node: unknown, name: string): string | undefined {
  if (!isElement(node)) return undefined;
  const value = node[`@${name}`];
  if (typeof value !== "string") return undefined;
  const cleaned = decodeEntities(value).trim().toLowerCase();
  return cleaned === "" ? undefined : cleaned;
}

/** An attribute's value as written (ids, sources), trimmed. */
export function attrRaw(node: unknown, name: string): string | undefined {
  if (!isElement(node)) return undefined;
  const value = node[`@${name}`];
  return typeof value === "string" && value.trim() ? decodeEntities(value).trim() : undefined;
}
