// @ts-check
// The staff side: #handoffs with the cards (drawn from Slack's Block Kit JSON), #managers with
// escalations and the digest, the CRM pane (crm.js), the thread of a card, and which simulated rep you are.
import { escapeHtml, mrkdwn, renderBlocks } from "./block-kit.js";
import { CRM_TOPIC, renderCrm } from "./crm.js";
import { fileNode, filePicker, filesBox, keepOwnFiles, missingFileNode, ownFiles, readAttachments } from "./files.js";
import { icon } from "./icons.js";
import { initials } from "./phone.js";
import { formatTime, post, repName, state } from "./state.js";

/** @typedef {import("./types.js").Card} Card */
/** @typedef {import("./types.js").Channel} Channel */
/** @typedef {import("./types.js").Reply} Reply */
/** @typedef {import("./types.js").Setup} Setup */
/** @typedef {import("./types.js").ThreadEvent} ThreadEvent */

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
const ctx = { nameOf: repName, confirm: askConfirm, onAction: clickButton };

const KIND = {
  customer: [icon("speech_balloon"), "Customer"],
  ai: [icon("robot_face"), "AI"],
  system: [icon("information_source"), "Baton"],
  warning: [icon("warning"), "Baton"],
};

/**
 * @param {string} name
 * @param {string} [cls]
 */
function avatar(name, cls = "") {
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  return `<span class="avatar ${cls}" style="--hue:${hue}">${escapeHtml(initials(name))}</span>`;
}

/**
 * A row in the channel or thread: avatar, name and time, then `bodyNode` (styled as .message-body).
 * @param {string} author
 * @param {string | null} at
 * @param {HTMLElement} bodyNode
 * @param {string} [extra]
 */
function message(author, at, bodyNode, extra = "") {
  bodyNode.classList.add("message-body");
  const row = document.createElement("div");
  row.className = `message ${extra}`.trim();
  const app = author === "Baton" ? '<span class="app">APP</span>' : "";
  row.innerHTML = `${author === "Baton" ? '<span class="avatar baton">B</span>' : avatar(author)}<div class="message-main"><div class="message-head"><strong>${escapeHtml(author)}</strong>${app}<span class="muted">${at ? formatTime(at) : ""}</span></div></div>`;
  /** @type {HTMLElement} */ (row.querySelector(".message-main")).append(bodyNode);
  return row;
}

/**
 * A thread line's files: at Baton's links, or this page's copies of what its rep attached.
 * @param {ThreadEvent} r
 * @param {string} place where the line is drawn ("thread", "channel")
 */
function lineFiles(r, place) {
  const own = r.kind === "rep" && r.replyId ? ownFiles.get(r.replyId) : undefined;
  return (r.files ?? []).map((f, i) => {
    if (f.url) return fileNode(`${place} ${f.url}`, { ...f, url: f.url });
    const copy = own?.[i];
    return copy && r.kind === "rep"
      ? fileNode(`${place} ${r.replyId} ${i}`, copy)
      : missingFileNode(f.contentType, f.name);
  });
}

/**
 * @param {Reply} r
 * @param {string} [place] where the line is drawn: "thread", or "channel" (a broadcast)
 */
function replyNode(r, place = "thread") {
  const div = document.createElement("div");
  const files = r.kind === "ephemeral" ? [] : lineFiles(r, place);
  /** @param {HTMLElement} row */
  const withFiles = (row) => {
    if (files.length) div.append(filesBox(files));
    return row;
  };
  if (r.kind === "rep") {
    const note = /^\s*(\/\/|note:)/i.test(r.text);
    div.innerHTML = `${note ? '<span class="tag note">Internal note · not texted</span>' : ""}${mrkdwn(r.text, ctx)}`;
    return withFiles(message(r.rep.name, r.at, div, note ? "internal" : ""));
  }
  if (r.kind === "ephemeral") {
    div.innerHTML = `<span class="tag">Only visible to you</span>${mrkdwn(r.text, ctx)}`;
    return message("Baton", r.at, div, "ephemeral");
  }
  const [icon, label] = KIND[r.kind] ?? ["", "Baton"];
  const mention = r.mention ? `<span class="mention">@${escapeHtml(repName(r.mention))}</span> ` : "";
  div.innerHTML = `${icon} <b>${label}:</b> ${mention}${mrkdwn(r.text, ctx)}`;
  return withFiles(message("Baton", r.at, div, r.kind));
}

/** @param {Reply} r */
const visible = (r) => r.kind !== "ephemeral" || r.userId === state.rep;

/** @param {Card} c */
function cardNode(c) {
  const body = document.createElement("div");
  body.append(renderBlocks(c.blocks, { ...ctx, ts: c.ts }));
  const replies = c.replies.filter(visible);
  if (replies.length) {
    const link = document.createElement("button");
    link.type = "button";
    link.className = "replies-link";
    link.dataset.thread = c.ts;
    link.innerHTML = `${replies.length} ${replies.length === 1 ? "reply" : "replies"} <span class="muted">Last reply ${formatTime(/** @type {Reply} */ (replies.at(-1)).at)}</span>`;
    body.append(link);
  }
  const node = message("Baton", c.at, body, `card${state.openThread === c.ts ? " selected" : ""}`);
  node.dataset.ts = c.ts;
  return node;
}

// Drawn only once the page has loaded the setup: state.setup and state.rep are set.
export function renderChannel() {
  state.unread[state.channel] = 0;
  /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".channel-link")).forEach((b) => {
    b.classList.toggle("active", b.dataset.channel === state.channel);
    const badge = /** @type {HTMLElement} */ (b.querySelector(".badge"));
    const channel = /** @type {Channel} */ (b.dataset.channel);
    badge.hidden = !state.unread[channel];
    badge.textContent = String(state.unread[channel] || "");
  });
  $("reps").innerHTML = /** @type {Setup} */ (state.setup).reps
    .map(
      (r) =>
        `<button type="button" role="radio" aria-checked="${r.id === state.rep}" class="rep${r.id === state.rep ? " active" : ""}" data-rep="${r.id}">${avatar(r.name, "small")}<span><b>${escapeHtml(r.name)}</b><span class="muted">${escapeHtml(r.role)}</span></span></button>`,
    )
    .join("");
  const [title, topic] = TOPICS[state.channel];
  $("channel-title").textContent = title;
  $("channel-topic").textContent = topic;
  const crm = state.channel === "crm";
  $("messages").hidden = crm;
  $("crm").hidden = !crm;
  // Drawn even while hidden: it only adds what is new.
  renderCrm();
  if (!crm) renderMessages(state.channel === "managers");
  renderThread();
  renderToast();
}

/** @type {Record<Channel, [string, string]>} */
const TOPICS = {
  handoffs: ["# handoffs", "Customers who need a person. Claim a card to take the conversation."],
  managers: ["# managers", "Escalations, flags and the daily digest."],
  crm: ["CRM", CRM_TOPIC],
};

/**
 * #handoffs or #managers, drawn again whole.
 * @param {boolean} managers
 */
function renderMessages(managers) {
  const list = $("messages");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  const nodes = managers
    ? state.managers.map((m) => {
        const div = document.createElement("div");
        div.innerHTML =
          mrkdwn(`${m.kind === "report" ? ":bar_chart:" : ":rotating_light:"} ${m.text}`, ctx) +
          (m.threadTs ? `<br><a href="#" data-thread="${escapeHtml(m.threadTs)}">Open the card</a>` : "");
        return message("Baton", m.at, div, m.kind);
      })
    : state.channelItems.map((item) =>
        // Each card in the channel is in state.cards; an item without a card is a broadcast.
        item.card
          ? cardNode(/** @type {Card} */ (state.cards.get(item.card)))
          : broadcastNode(/** @type {ThreadEvent} */ (item.broadcast)),
      );
  list.replaceChildren(...nodes);
  if (!nodes.length)
    list.innerHTML = `<p class="empty">${managers ? "Nothing for managers yet. Leave a handoff unclaimed and move the clock on." : "No handoffs yet. Text the dealership from the phone and ask for a price."}</p>`;
  if (atBottom) list.scrollTop = list.scrollHeight;
}

/** @param {ThreadEvent} r */
function broadcastNode(r) {
  const node = replyNode(r, "channel");
  /** @type {HTMLElement} */ (node.querySelector(".message-main")).insertAdjacentHTML(
    "beforeend",
    `<a href="#" class="muted small" data-thread="${escapeHtml(r.ts)}">replied to a thread · open it</a>`,
  );
  return node;
}

function renderThread() {
  const pane = $("thread");
  const c = state.openThread && state.cards.get(state.openThread);
  pane.hidden = !c;
  if (!c) return;
  const body = $("thread-body");
  const atBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 60 || body.dataset.for !== c.ts;
  const parent = cardNode({ ...c, replies: [] });
  parent.classList.add("parent");
  const replies = c.replies.filter(visible);
  const divider = document.createElement("div");
  divider.className = "divider";
  divider.textContent = `${replies.length} ${replies.length === 1 ? "reply" : "replies"}`;
  body.replaceChildren(parent, divider, ...replies.map((r) => replyNode(r)));
  body.dataset.for = c.ts;
  if (atBottom) body.scrollTop = body.scrollHeight;
  /** @type {HTMLTextAreaElement} */ ($("reply-input")).placeholder =
    `Reply as ${repName(/** @type {string} */ (state.rep))}…`;
}

function renderToast() {
  const toast = $("toast");
  const t = state.toast;
  toast.hidden = !t || t.userId !== state.rep || Date.now() - t.at > 6000;
  if (t) toast.innerHTML = `<span class="tag">Only visible to you</span> ${mrkdwn(t.text, ctx)}`;
}

/** @param {import("./types.js").ButtonElement} element */
async function clickButton(element) {
  const ts = [...state.cards.values()].find((c) => c.conversationId === element.value)?.ts;
  const result = /** @type {import("./types.js").ActionResult | undefined} */ (
    await post("action", { actionId: element.action_id, value: element.value, ts, repId: state.rep })
  );
  // The server accepts an action only with the card's ts: a claim that went through found it.
  if (result?.ok && element.action_id === "baton_claim") openThread(/** @type {string} */ (ts));
}

/**
 * @param {import("./types.js").ConfirmDialog} confirm
 * @returns {Promise<boolean>}
 */
function askConfirm(confirm) {
  const dialog = /** @type {HTMLDialogElement} */ ($("confirm"));
  $("confirm-title").textContent = confirm.title?.text ?? "Are you sure?";
  $("confirm-text").textContent = confirm.text?.text ?? "";
  $("confirm-ok").textContent = confirm.confirm?.text ?? "Yes";
  $("confirm-deny").textContent = confirm.deny?.text ?? "Cancel";
  dialog.showModal();
  return new Promise((resolve) =>
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true }),
  );
}

let rerender = () => {};
/** @param {string} ts */
function openThread(ts) {
  state.openThread = ts;
  state.channel = "handoffs";
  rerender();
  $("reply-input").focus();
}

/** @param {() => void} render */
export function wireChannel(render) {
  rerender = render;
  document.addEventListener("click", (e) => {
    /** @type {HTMLElement | null} */
    const target = /** @type {Element} */ (e.target).closest("[data-thread], [data-channel], [data-rep]");
    if (!target) return;
    e.preventDefault();
    if (target.dataset.thread) return openThread(target.dataset.thread);
    if (target.dataset.channel) state.channel = /** @type {Channel} */ (target.dataset.channel);
    if (target.dataset.rep) state.rep = target.dataset.rep;
    render();
  });
  $("thread-close").addEventListener("click", () => ((state.openThread = null), render()));
  const picker = filePicker(/** @type {HTMLInputElement} */ ($("reply-files")), $("reply-chips"));
  $("reply-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = /** @type {HTMLTextAreaElement} */ ($("reply-input"));
    const text = input.value.trim();
    const chosen = picker.files();
    if ((!text && !chosen.length) || !state.openThread) return;
    input.value = "";
    picker.clear();
    try {
      const attachments = await readAttachments(chosen);
      const answer = /** @type {import("./types.js").ReplyAnswer} */ (
        await post("reply", {
          ts: state.openThread,
          repId: state.rep,
          text,
          ...(attachments.length ? { attachments } : {}),
        })
      );
      if (answer.replyId) (keepOwnFiles(answer.replyId, attachments), render());
    } catch (error) {
      // Nothing went: what was typed and chosen is back, to change and send again.
      if (!input.value) input.value = text;
      picker.restore(chosen);
      alert(`Not sent: ${/** @type {Error} */ (error).message}`);
    }
  });
  $("reply-input").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey)
      (e.preventDefault(), /** @type {HTMLFormElement} */ ($("reply-form")).requestSubmit());
  });
}
