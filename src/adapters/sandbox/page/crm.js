// @ts-check
// The CRM pane: what Baton would have sent the dealership's CRM (in the sandbox nothing leaves the
// machine): each lead as the ADF/XML e-mail, each webhook event as its JSON body, newest first.
// All of it may hold the customer's own words: it is set as text (textContent), never as HTML.
/* global DOMParser -- the browser's XML parser, for the readable part (not in the lint's browser list) */
import { formatTime, state } from "./state.js";

/** @typedef {import("./types.js").AdfEvent} AdfEvent */
/** @typedef {import("./types.js").WebhookEvent} WebhookEvent */
/** @typedef {import("./types.js").CrmItem} CrmItem */

/**
 * The page's element with this id.
 * @param {string} id
 * @returns {HTMLElement}
 */
const $ = (id) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The sandbox page has no #${id}`);
  return element;
};

/** What the channel header says over the pane. */
export const CRM_TOPIC =
  "What the dealership's CRM would get: each lead as an ADF/XML e-mail, and the webhook's events. Nothing leaves this machine.";

/**
 * An element with a class and text (never HTML).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {string} word */
const capital = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A list of labels and values; rows without a value are left out.
 * @param {[string, string | undefined][]} rows
 */
function fields(rows) {
  const dl = el("dl", "crm-fields");
  for (const [label, value] of rows) if (value) dl.append(el("dt", "", label), el("dd", "", value));
  return dl;
}

/**
 * The summary line: what it is, who and what for, when.
 * @param {string} kind
 * @param {string} title
 * @param {string} detail
 * @param {string} at
 */
function summary(kind, title, detail, at) {
  const line = el("summary");
  const words = el("span", "crm-title");
  words.append(el("strong", "", title), el("span", "muted", detail));
  line.append(el("span", "crm-kind", kind), words, el("span", "muted crm-time", formatTime(at, true)));
  return line;
}

/**
 * The child's text, whitespace collapsed; undefined when it has none.
 * @param {Element | null} parent
 * @param {string} selector
 */
function textOf(parent, selector) {
  const text = parent?.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();
  return text || undefined;
}

/**
 * The lead as a salesperson reads it in the CRM, from the document itself (so what the pane says is
 * what the XML says). An XML document is parsed as data: nothing in it runs or loads.
 * @param {string} xml
 */
function readable(xml) {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.querySelector("parsererror")) return el("p", "crm-warning", "The document does not parse as XML.");
  const prospect = doc.querySelector("prospect");
  const contact = prospect?.querySelector("customer > contact") ?? null;
  /** @param {Element | undefined} vehicle */
  const vehicleOf = (vehicle) =>
    vehicle
      ? [
          ["year", "make", "model", "trim"]
            .map((part) => textOf(vehicle, part))
            .filter(Boolean)
            .join(" "),
          textOf(vehicle, "vin") && `VIN ${textOf(vehicle, "vin")}`,
          textOf(vehicle, "stock") && `stock ${textOf(vehicle, "stock")}`,
          textOf(vehicle, "odometer") && `${textOf(vehicle, "odometer")} mi`,
        ]
          .filter(Boolean)
          .join(", ") || undefined
      : undefined;
  const vehicles = [...(prospect?.querySelectorAll(":scope > vehicle") ?? [])];
  const box = el("div", "crm-readable");
  box.append(
    fields([
      ["Name", textOf(contact, "name")],
      ["Phone", textOf(contact, "phone")],
      ["E-mail", textOf(contact, "email")],
      ["Vehicle", vehicleOf(vehicles.find((v) => v.getAttribute("interest") !== "trade-in"))],
      ["Trade-in", vehicleOf(vehicles.find((v) => v.getAttribute("interest") === "trade-in"))],
      ["Request date", textOf(prospect ?? null, "requestdate")],
      ["Vendor", textOf(prospect ?? null, "vendor > vendorname")],
    ]),
  );
  // The comments keep their lines: the summary, then the conversation, one message a line.
  const comments = prospect?.querySelector("customer > comments")?.textContent?.trim();
  if (comments) box.append(el("p", "crm-label", "Comments"), el("div", "crm-comments", comments));
  return box;
}

/**
 * The bytes `text` takes in UTF-8 (each %XX of its URL encoding is one).
 * @param {string} text
 */
const utf8Bytes = (text) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, "x").length;

/** @param {AdfEvent} item */
function adfNode(item) {
  const who = item.customer.name ?? item.customer.phone;
  const node = el("details", "crm-item adf");
  node.append(summary("ADF lead", who, `${capital(item.department)} · e-mailed to ${item.to}`, item.at));
  const body = el("div", "crm-body");
  // A data: URL, as the page's own copies of files: saved as the file, never opened as a page.
  const link = el("a", "crm-download", "Download .xml");
  link.href = `data:application/xml;charset=utf-8,${encodeURIComponent(item.adf)}`;
  link.download = `lead-${item.conversationId.slice(0, 8)}-${item.department}.xml`.replace(/[^\w.-]/g, "");
  const actions = el("div", "crm-actions");
  const size = `${(utf8Bytes(item.adf) / 1024).toFixed(1)} KB`;
  actions.append(link, el("span", "muted", `${size} · the e-mail's whole body`));
  body.append(readable(item.adf), actions, el("p", "crm-label", "ADF/XML"), el("pre", "crm-code", item.adf));
  node.append(body);
  return node;
}

/** @param {WebhookEvent} item */
function webhookNode(item) {
  const { event } = item;
  const who = event.customer?.name ?? event.customer?.phone ?? "";
  const node = el("details", "crm-item webhook");
  const department = event.conversation?.department;
  const detail = [who, department && capital(department), `posted to ${item.host}`].filter(Boolean).join(" · ");
  node.append(summary("Webhook", event.type, detail, item.at));
  const body = el("div", "crm-body");
  body.append(
    fields([
      ["Event id", event.id],
      ["Occurred", event.occurredAt && formatTime(event.occurredAt, true)],
      ["Conversation", event.conversation && `${event.conversation.id} (${event.conversation.status})`],
    ]),
    el("p", "crm-label", "JSON body"),
    el("pre", "crm-code", JSON.stringify(event, null, 2)),
  );
  node.append(body);
  return node;
}

/** @param {CrmItem} item */
function itemNode(item) {
  const node = item.type === "adf" ? adfNode(item) : webhookNode(item);
  node.dataset.crmId = String(item.id);
  return node;
}

/** How many of state.crm the list shows, and the last of them: items only come after, so new ones go on top. */
let drawn = 0;
/** @type {CrmItem | undefined} */
let lastDrawn;

/**
 * Adds what came since the last call on top. Items already drawn are left alone, so one opened
 * (and its scroll) stays as it is; the list starts over only when the feed did (Baton restarted).
 */
export function renderCrm() {
  const list = $("crm");
  if (drawn > 0 && state.crm[drawn - 1] !== lastDrawn) drawn = 0;
  if (drawn === 0) list.replaceChildren();
  for (const item of state.crm.slice(drawn)) list.prepend(itemNode(item));
  drawn = state.crm.length;
  lastDrawn = state.crm.at(-1);
  if (!drawn && !list.childElementCount)
    list.append(
      el(
        "p",
        "empty",
        "Nothing for the CRM yet. Text as a customer who needs a person (ask for a price): the lead shows here as the ADF/XML e-mail the CRM would get, within a minute (or when you move the clock), with the webhook's events (conversation created, handoff, claim…) as their JSON bodies.",
      ),
    );
}
