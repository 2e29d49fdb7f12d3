/**
 * Which files Baton carries between a customer's phone and the staff chat, decided by code:
 * pictures, PDFs and contact cards, never anything a browser would run (SVG, HTML, scripts).
 */

/** Twilio's MMS limits: at most 10 files and 5 MB in all per message. */
export const MMS_MAX_FILES = 10;
export const MMS_MAX_BYTES = 5 * 1024 * 1024;
/** One inbound file's cap: what a carrier delivers is within MMS limits; anything bigger is not a phone's picture. */
export const INBOUND_MAX_BYTES = MMS_MAX_BYTES;

interface AllowedType {
  /** The extension a file of this type is saved with. */
  ext: string;
  /** What a rep reads: "photo", "PDF". */
  noun: string;
  image: boolean;
  /** The file's first bytes, when the type has a signature: a "PNG" that is really HTML is refused. */
  looksLike?: (bytes: Uint8Array) => boolean;
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
/** HEIC/HEIF: an ISO-BMFF box "ftyp" at offset 4 with an image brand. */
const isHeif = (bytes: Uint8Array) =>
  ascii(bytes, 4, 8) === "ftyp" && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif)$/.test(ascii(bytes, 8, 12));

const ALLOWED: Record<string, AllowedType> = {
  "image/jpeg": { ext: "jpg", noun: "photo", image: true, looksLike: (b) => startsWith(b, 0xff, 0xd8, 0xff) },
  "image/png": { ext: "png", noun: "photo", image: true, looksLike: (b) => startsWith(b, 0x89, 0x50, 0x4e, 0x47) },
  "image/gif": { ext: "gif", noun: "picture", image: true, looksLike: (b) => ascii(b, 0, 4) === "GIF8" },
  // Browsers do not show HEIC inline: passed as a file (Slack and phones open it), never run.
  "image/heic": { ext: "heic", noun: "photo", image: false, looksLike: isHeif },
  "image/heif": { ext: "heif", noun: "photo", image: false, looksLike: isHeif },
  "application/pdf": { ext: "pdf", noun: "PDF", image: false, looksLike: (b) => ascii(b, 0, 5) === "%PDF-" },
  "text/vcard": {
    ext: "vcf",
    noun: "contact card",
    image: false,
    looksLike: (b) => /^\s*BEGIN:VCARD/i.test(ascii(b, 0, 64)),
  },
};
// Older phones label contact cards with these.
const ALIASES: Record<string, string> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "text/x-vcard": "text/vcard",
  "text/directory": "text/vcard",
};

/** The type a picture's first bytes say it is: for chats that only say "image/*" (a pasted image in Teams). */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  return ["image/jpeg", "image/png", "image/gif", "image/heic"].find((type) => ALLOWED[type]!.looksLike!(bytes));
}

/** A declared type that only says "some picture": the bytes decide which. */
export const isAnyImage = (contentType: string | undefined): boolean =>
  (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "image/*";

/** The allowed type a declared content type names ("image/JPEG; charset=…" → "image/jpeg"), or undefined. */
export function allowedType(contentType: string | undefined): string | undefined {
  const bare = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const type = ALIASES[bare] ?? bare;
  return ALLOWED[type] ? type : undefined;
}

/** Whether a chat can show it as a picture (HEIC, PDF and contact cards are files). */
export const isInlineImage = (type: string): boolean => ALLOWED[type]?.image === true;

/** "a photo", "a PDF": how the thread and the AI speak of a file. */
export const nounFor = (type: string | undefined): string => (type && ALLOWED[type]?.noun) || "file";

export type MediaVerdict = { ok: true; contentType: string } | { ok: false; why: string };

/**
 * A file's bytes against its declared type: allowed, the size within `maxBytes`, and the bytes what
 * the type says (a "photo" that is an HTML page is refused). `why` is written for the rep.
 */
export function checkMedia(declared: string | undefined, bytes: Uint8Array, maxBytes: number): MediaVerdict {
  const type = allowedType(declared);
  if (!type)
    return { ok: false, why: `${describeType(declared)} files are not allowed (only photos, PDFs and contact cards)` };
  if (bytes.byteLength === 0) return { ok: false, why: "the file is empty" };
  if (bytes.byteLength > maxBytes)
    return { ok: false, why: `the file is ${megabytes(bytes.byteLength)}, over the ${megabytes(maxBytes)} limit` };
  const looksLike = ALLOWED[type]!.looksLike;
  if (looksLike && !looksLike(bytes)) return { ok: false, why: `the file says it is ${type} but its contents are not` };
  return { ok: true, contentType: type };
}

/** A name to save a file under: the given one without path or odd characters, with the type's extension. */
export function safeFileName(name: string | undefined, type: string, fallbackStem: string): string {
  const ext = ALLOWED[type]?.ext ?? "bin";
  const stem = (name ?? "")
    .replace(/^.*[\\/]/, "")
    .replace(/\.[^.]*$/, "")
    .replace(/[^\w.\- ]+/g, "_")
    .trim()
    .slice(0, 80);
  return `${stem || fallbackStem}.${ext}`;
}

export function describeType(contentType: string | undefined): string {
  const bare = (contentType ?? "").split(";")[0]!.trim();
  return bare ? bare.replace(/[^\w.+/-]/g, "") : "unlabelled";
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}
