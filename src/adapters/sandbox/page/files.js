// @ts-check
// Pictures on the page. Files the customer or a rep attaches are read from a file input and sent as
// base64; the page keeps its own copies of them (data: URLs) for the sender's bubble or line. Files
// from Baton (a customer's pictures in a thread, an MMS on the phone) load from its signed /media
// links. Each is drawn once and the same element reused: the page redraws on every event, and a
// new <img> for a file that failed to load (a PDF in an MMS, a link past its expiry) would ask
// Baton for it again each time, and turn into its link again.
import { escapeHtml } from "./block-kit.js";

/** @typedef {import("./types.js").Attachment} Attachment */
/** @typedef {import("./types.js").ShownFile} ShownFile */

/** What a browser draws as a picture; anything else (a PDF, a HEIC photo) is shown as a link. */
const INLINE = new Set(["image/jpeg", "image/png", "image/gif"]);

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Standard, padded base64: what the API takes (btoa would need the bytes as a string first).
 * @param {Uint8Array} bytes
 */
function base64(bytes) {
  /** @type {string[]} */
  const parts = [];
  for (let start = 0; start < bytes.length; start += 3 * 4096) {
    let chunk = "";
    for (let i = start; i < Math.min(start + 3 * 4096, bytes.length); i += 3) {
      const left = bytes.length - i;
      const n = (bytes[i] << 16) | ((left > 1 ? bytes[i + 1] : 0) << 8) | (left > 2 ? bytes[i + 2] : 0);
      chunk +=
        ALPHABET[(n >> 18) & 63] +
        ALPHABET[(n >> 12) & 63] +
        (left > 1 ? ALPHABET[(n >> 6) & 63] : "=") +
        (left > 2 ? ALPHABET[n & 63] : "=");
    }
    parts.push(chunk);
  }
  return parts.join("");
}

/** One MMS carries 5 MB of files at most: more is not even sent (Baton would refuse it too). */
const MMS_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The chosen files as the API takes them; throws, saying why, when they weigh more than a text carries.
 * @param {File[]} files
 * @returns {Promise<Attachment[]>}
 */
export async function readAttachments(files) {
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > MMS_MAX_BYTES) throw new Error(`the files weigh ${size(total)}, over the 5 MB one text can carry`);
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      contentType: file.type || "application/octet-stream",
      data: base64(new Uint8Array(await file.arrayBuffer())),
    })),
  );
}

/**
 * The page's own copies of what it sent: a customer's text by its providerId, a rep's reply by its replyId.
 * @type {Map<string, ShownFile[]>}
 */
export const ownFiles = new Map();

/**
 * Remembers what the page sent, to show in the sender's bubble or line.
 * @param {string} key
 * @param {Attachment[]} attachments
 */
export function keepOwnFiles(key, attachments) {
  ownFiles.set(
    key,
    attachments.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      url: `data:${a.contentType};base64,${a.data}`,
    })),
  );
}

/** @type {Map<string, HTMLElement>} */
const drawn = new Map();

/**
 * A file as the page shows it: a picture as an image, anything else (or a picture that will not
 * load) as a link. The same element for the same key: keys name the place too, since an element
 * is in one place at a time.
 * @param {string} key
 * @param {ShownFile} file
 * @returns {HTMLElement}
 */
export function fileNode(key, file) {
  let node = drawn.get(key);
  if (!node) {
    node = !file.contentType || INLINE.has(file.contentType) ? imageNode(file) : linkNode(file);
    drawn.set(key, node);
  }
  return node;
}

/** @param {ShownFile} file */
function imageNode(file) {
  const img = document.createElement("img");
  img.className = "attachment";
  img.alt = file.name ?? "picture";
  img.src = file.url;
  // A picture grows its list once loaded: one followed at its bottom (the newest line) stays there.
  img.addEventListener("load", () => {
    const list = img.closest(".sms-list, .thread-body, .messages");
    if (list && list.scrollHeight - list.scrollTop - list.clientHeight - img.offsetHeight < 60)
      list.scrollTop = list.scrollHeight;
  });
  // A file that is not a picture (a PDF in an MMS), or a link past its expiry: a link instead.
  img.addEventListener("error", () => {
    const link = linkNode(file);
    if (file.contentType) link.textContent += " (could not be shown)";
    img.replaceWith(link);
    for (const [key, node] of drawn) if (node === img) drawn.set(key, link);
  });
  if (file.url.startsWith("data:")) return img; // the page's own copy: nothing to open
  const a = document.createElement("a");
  a.className = "attachment-link";
  a.href = file.url;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.append(img);
  return a;
}

/** @param {ShownFile} file */
function linkNode(file) {
  const a = document.createElement("a");
  a.className = "file-link";
  a.href = file.url;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  a.textContent = file.name ?? "Attachment";
  // The page's own copy: a browser opens no data: URL in a tab, but saves one.
  if (file.url.startsWith("data:")) a.download = file.name ?? "attachment";
  return a;
}

/**
 * A file that is not here to show: one sent from another page, or before this page loaded.
 * @param {string} contentType
 * @param {string} [name]
 */
export function missingFileNode(contentType, name) {
  const span = document.createElement("span");
  span.className = "file-missing";
  span.textContent = `[${name ?? (contentType.startsWith("image/") ? "picture" : "file")}]`;
  return span;
}

/**
 * Files in a row under the words.
 * @param {HTMLElement[]} nodes
 */
export function filesBox(nodes) {
  const box = document.createElement("div");
  box.className = "files";
  box.append(...nodes);
  return box;
}

/**
 * A file input's choices, shown as chips (each can be taken off) until the text or reply is sent.
 * @param {HTMLInputElement} input
 * @param {HTMLElement} chips
 */
export function filePicker(input, chips) {
  /** @type {File[]} */
  let chosen = [];
  const draw = () => {
    chips.hidden = !chosen.length;
    chips.innerHTML = chosen
      .map(
        (f, i) =>
          `<span class="chip">${escapeHtml(f.name)} <span class="muted">${size(f.size)}</span><button type="button" data-remove="${i}" aria-label="Remove ${escapeHtml(f.name)}">×</button></span>`,
      )
      .join("");
  };
  input.addEventListener("change", () => {
    chosen = [...chosen, ...(input.files ?? [])];
    input.value = ""; // the same file can be chosen again
    draw();
  });
  chips.addEventListener("click", (e) => {
    /** @type {HTMLElement | null} */
    const remove = /** @type {Element} */ (e.target).closest("[data-remove]");
    if (!remove) return;
    chosen.splice(Number(remove.dataset.remove), 1);
    draw();
  });
  return {
    /** The files chosen, in order. */
    files: () => [...chosen],
    clear() {
      chosen = [];
      draw();
    },
    /**
     * Chosen again: what was not sent.
     * @param {File[]} files
     */
    restore(files) {
      chosen = [...files, ...chosen];
      draw();
    },
  };
}

/** @param {number} bytes */
function size(bytes) {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}
