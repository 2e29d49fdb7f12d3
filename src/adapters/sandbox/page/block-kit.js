// @ts-check
// A small Block Kit renderer: the block types Baton's handoff card uses (header, section with
// text or fields, context, actions with buttons and confirm dialogs), drawn from the same JSON
// Slack receives. Slack mrkdwn is turned into HTML after escaping, so no text becomes markup.
import { iconsIn } from "./icons.js";

/** @typedef {import("./types.js").TextObject} TextObject */
/** @typedef {import("./types.js").ButtonElement} ButtonElement */
/** @typedef {import("./types.js").ActionsBlock} ActionsBlock */
/** @typedef {import("./types.js").Block} Block */
/** @typedef {import("./types.js").MrkdwnContext} MrkdwnContext */
/** @typedef {import("./types.js").BlockContext} BlockContext */

/** @type {Record<string, string>} */
const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** @param {string} s */
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
/**
 * Slack escapes &, < and > in mrkdwn; decode them before escaping for HTML.
 * @param {string} s
 */
const decode = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** @param {string} text */
function inline(text) {
  return iconsIn(escapeHtml(decode(text)))
    .replace(/`([^`\n]+)`/g, "<code>$1</code>")
    .replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s.,:;!?)<])/g, "$1<b>$2</b>")
    .replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s.,:;!?)<])/g, "$1<i>$2</i>")
    .replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s.,:;!?)<])/g, "$1<s>$2</s>");
}

/**
 * `<url|label>`, `<@U123>` and Baton's `<#thread-TS|label>` links to another card.
 * @param {string} target
 * @param {string | undefined} label
 * @param {MrkdwnContext} ctx
 */
function link(target, label, ctx) {
  if (target.startsWith("@"))
    return `<span class="mention">@${escapeHtml(ctx.nameOf?.(target.slice(1)) ?? target.slice(1))}</span>`;
  if (target.startsWith("#thread-"))
    return `<a href="#" data-thread="${escapeHtml(target.slice(8))}">${inline(label ?? "thread")}</a>`;
  if (/^https?:\/\//.test(target))
    return `<a href="${escapeHtml(target)}" target="_blank" rel="noopener">${inline(label ?? target)}</a>`;
  return inline(label ?? target);
}

/**
 * @param {string} text
 * @param {MrkdwnContext} ctx
 */
function line(text, ctx) {
  let html = "";
  let last = 0;
  for (const m of text.matchAll(/<([^<>|\s]+)(?:\|([^<>]+))?>/g)) {
    html += inline(text.slice(last, m.index)) + link(m[1], m[2], ctx);
    last = m.index + m[0].length;
  }
  return html + inline(text.slice(last));
}

/**
 * Slack mrkdwn to HTML: bold, italic, strike, code, links, mentions, emoji codes, quotes.
 * @param {string} text
 * @param {MrkdwnContext} [ctx]
 * @returns {string}
 */
export function mrkdwn(text, ctx = {}) {
  const out = [];
  for (const raw of text.split("\n")) {
    const quote = /^(&gt;|>)\s?/.exec(raw);
    const html = line(quote ? raw.slice(quote[0].length) : raw, ctx);
    out.push(quote ? `<span class="quote">${html}</span>` : html);
  }
  return out.join("<br>").replace(/<\/span><br><span class="quote">/g, "<br>");
}

/**
 * @param {TextObject} t
 * @param {MrkdwnContext} ctx
 */
const textHtml = (t, ctx) => (t.type === "mrkdwn" ? mrkdwn(t.text, ctx) : iconsIn(escapeHtml(t.text)));

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [html]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, className, html) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (html !== undefined) node.innerHTML = html;
  return node;
}

/**
 * @param {ButtonElement} element
 * @param {ActionsBlock} block
 * @param {BlockContext} ctx
 */
function button(element, block, ctx) {
  const b = el("button", `bk-button ${element.style ?? ""}`.trim(), textHtml(element.text, ctx));
  b.type = "button";
  b.dataset.actionId = element.action_id;
  b.addEventListener("click", async () => {
    // A caller that draws buttons with a confirm passes ctx.confirm (see renderBlocks).
    if (element.confirm && !(await /** @type {NonNullable<BlockContext["confirm"]>} */ (ctx.confirm)(element.confirm)))
      return;
    ctx.onAction?.(element, block);
  });
  return b;
}

/**
 * One drawing function for each block type.
 * @type {{ [T in Block["type"]]: (block: Extract<Block, { type: T }>, ctx: BlockContext) => HTMLElement }}
 */
const RENDER = {
  header: (b, ctx) => el("div", "bk-header", textHtml(b.text, ctx)),
  section(b, ctx) {
    const node = el("div", "bk-section");
    if (b.text) node.append(el("div", "bk-text", textHtml(b.text, ctx)));
    if (b.fields) {
      const grid = el("div", "bk-fields");
      for (const f of b.fields) grid.append(el("div", "bk-field", textHtml(f, ctx)));
      node.append(grid);
    }
    return node;
  },
  context(b, ctx) {
    const node = el("div", "bk-context");
    for (const e of b.elements) node.append(el("span", "bk-context-item", e.type === "image" ? "" : textHtml(e, ctx)));
    return node;
  },
  actions(b, ctx) {
    const node = el("div", "bk-actions");
    for (const e of b.elements) if (e.type === "button") node.append(button(e, b, ctx));
    return node;
  },
  divider: () => el("hr", "bk-divider"),
};

/**
 * Draws blocks into a new element. ctx: onAction(element, block) for buttons, confirm(dialog)
 * resolving true/false for buttons with a confirm, nameOf(userId) for mentions.
 * @param {Block[]} blocks
 * @param {BlockContext} [ctx]
 * @returns {HTMLElement}
 */
export function renderBlocks(blocks, ctx = {}) {
  const root = el("div", "bk");
  for (const block of blocks) {
    // Blocks come from the server's JSON: a type the page does not draw has no entry here.
    const render = /** @type {((block: Block, ctx: BlockContext) => HTMLElement) | undefined} */ (RENDER[block.type]);
    root.append(render ? render(block, ctx) : el("div", "bk-unknown", `(${escapeHtml(block.type)} block)`));
  }
  return root;
}

export { escapeHtml };
