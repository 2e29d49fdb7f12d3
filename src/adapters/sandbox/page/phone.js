// @ts-check
// The customer's phone: switch between simulated customers, text the dealership (with pictures) or
// call it (no one answers), see replies (and their pictures) with their segment count and delivery status.
import { escapeHtml } from "./block-kit.js";
import { fileNode, filePicker, filesBox, keepOwnFiles, missingFileNode, ownFiles, readAttachments } from "./files.js";
import { clockNow, formatTime, phone, post, state } from "./state.js";

/** @typedef {import("./types.js").Setup} Setup */

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

const SUGGESTIONS = [
  "Hi, is the Tacoma still available? I'm Maria",
  "What's your best price on the Tacoma?",
  "What time are you open Saturday?",
  "Can I get an oil change tomorrow morning?",
  "STOP",
];

/** @type {Record<string, string>} */
const STATUS = {
  sending: "Sending…",
  sent: "✓ Sent",
  delivered: "✓✓ Delivered",
  failed: "Not delivered",
  undeliverable: "Not delivered",
};

/** @param {import("./types.js").SmsMessage} m */
function meta(m) {
  // The encoding matters when it is UCS-2 (an emoji, a curly quote): 70 characters a segment, not 160.
  const parts = [`${m.segments} segment${m.segments === 1 ? "" : "s"}${m.encoding === "UCS-2" ? " · UCS-2" : ""}`];
  const status = STATUS[m.status] ?? m.status;
  parts.push(m.reason ? `${status} (${m.reason.replace(/_/g, " ")})` : status);
  return parts.join(" · ");
}

// Drawn only once the page has loaded the setup: state.setup and state.customer are set.
export function renderPhone() {
  const { customers, dealership } = /** @type {Setup} */ (state.setup);
  const customer = /** @type {string} */ (state.customer);
  const tabs = $("customers");
  tabs.replaceChildren(
    ...customers.map((c) => {
      const p = phone(c.phone);
      const b = document.createElement("button");
      b.type = "button";
      b.role = "tab";
      b.className = `customer-tab${c.phone === state.customer ? " active" : ""}`;
      b.setAttribute("aria-selected", String(c.phone === state.customer));
      b.dataset.phone = c.phone;
      b.innerHTML = `<span class="avatar small">${escapeHtml(initials(c.name))}</span><span>${escapeHtml(c.name.split(" ")[0])}</span>${p.unread ? `<span class="badge">${p.unread}</span>` : ""}`;
      return b;
    }),
  );

  const current = phone(customer);
  const person = customers.find((c) => c.phone === state.customer);
  $("phone").classList.toggle("no-signal", !current.reachable);
  $("signal").textContent = current.reachable ? "Signal on" : "No signal";
  $("signal").setAttribute("aria-pressed", String(!current.reachable));
  $("phone-time").textContent = formatTime(clockNow());
  $("dealer-name").textContent = dealership.name;
  $("dealer-number").textContent = `${formatNumber(dealership.smsNumber)} · texting as ${person?.name ?? ""}`;
  $("dealer-initials").textContent = initials(dealership.name);

  const list = $("sms-list");
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren(...current.messages.map((m) => (m.type === "call" ? callItem(m, dealership.name) : smsItem(m))));
  if (!current.messages.length)
    list.innerHTML = `<li class="empty">Text ${escapeHtml(dealership.name)} as ${escapeHtml(person?.name ?? "a customer")}. Baton's AI answers at once; ask for a price and a person takes over in the channel. Or tap Call: no one answers, and Baton texts you back.</li>`;
  if (atBottom || list.dataset.for !== state.customer) list.scrollTop = list.scrollHeight;
  list.dataset.for = customer;
  current.unread = 0;
}

/** @param {import("./types.js").SmsMessage} m */
function smsItem(m) {
  const li = document.createElement("li");
  li.className = `sms ${m.direction === "in" ? "mine" : "theirs"}${m.status === "undeliverable" || m.status === "failed" ? " failed" : ""}${m.note ? " carrier" : ""}`;
  const files = smsFiles(m);
  li.innerHTML = `${m.note ? `<span class="note">${escapeHtml(m.note)}</span>` : ""}<div class="bubble">${escapeHtml(m.body) || (files.length ? "" : "<i>(empty)</i>")}</div><div class="meta">${formatTime(m.at)} · ${escapeHtml(meta(m))}</div>`;
  if (files.length) /** @type {HTMLElement} */ (li.querySelector(".bubble")).prepend(filesBox(files));
  return li;
}

/** How the call ended, as the phone's call log says it. */
const CALL_OUTCOME = { "no-answer": "no answer", busy: "busy", canceled: "you hung up" };

/**
 * Why no text-back comes; nothing when it does (it shows as a text), or before Baton has said.
 * @type {Record<import("./types.js").CallAction, string>}
 */
const CALL_ACTION = {
  text: "",
  owner: "No text back: the person handling this conversation was told in its thread.",
  cooldown: "No text back: this phone got one recently.",
  opted_out: "No text back: this phone opted out of texts.",
  done: "No text back: this call was already handled.",
  failed: "Baton did not take this call.",
};

const SVG = "http://www.w3.org/2000/svg";
/** The handset of the Call button, drawn (an emoji would need a colour-emoji font; see icons.js). */
const HANDSET =
  "M5.2 1.8 3.4 2.3c-.8.2-1.3 1-1.2 1.8.5 4.6 4.3 8.8 9 9.7.8.1 1.6-.3 1.9-1.1l.6-1.7c.2-.5 0-1-.5-1.3L11 8.6c-.4-.2-1-.1-1.3.3l-.6.8C7.9 9.1 6.9 8.1 6.3 6.9l.8-.6c.4-.3.5-.9.3-1.3L6.5 2.4c-.3-.5-.8-.7-1.3-.6Z";

function phoneIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "icon");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Call");
  const path = document.createElementNS(SVG, "path");
  for (const [name, value] of Object.entries({
    d: HANDSET,
    fill: "none",
    stroke: "currentColor",
    "stroke-width": "1.4",
    "stroke-linejoin": "round",
  }))
    path.setAttribute(name, value);
  svg.append(path);
  return svg;
}

/**
 * A missed call in the phone's list, set as text only.
 * @param {import("./types.js").CallLine} m
 * @param {string} dealerName
 */
function callItem(m, dealerName) {
  const li = document.createElement("li");
  li.className = "call-log";
  li.dataset.callSid = m.callSid;
  const line = document.createElement("div");
  line.className = "call-line";
  line.textContent = `You called ${dealerName} · ${CALL_OUTCOME[m.outcome] ?? m.outcome}`;
  line.prepend(phoneIcon());
  li.append(line);
  const why = m.action && CALL_ACTION[m.action];
  if (why) {
    const note = document.createElement("div");
    note.className = "call-note";
    note.textContent = why;
    li.append(note);
  }
  const time = document.createElement("div");
  time.className = "meta";
  time.textContent = `${formatTime(m.at)} · Missed call`;
  li.append(time);
  return li;
}

/**
 * A text's pictures: the customer's own (this page's copies), or an MMS's from Baton's links.
 * @param {import("./types.js").SmsMessage} m
 */
function smsFiles(m) {
  if (m.direction === "out") return (m.mediaUrls ?? []).map((url) => fileNode(`phone ${url}`, { url }));
  const own = ownFiles.get(m.providerId);
  return (m.media ?? []).map((f, i) =>
    own?.[i] ? fileNode(`phone ${m.providerId} ${i}`, own[i]) : missingFileNode(f.contentType),
  );
}

/** @param {() => void} render */
export function wirePhone(render) {
  const picker = filePicker(/** @type {HTMLInputElement} */ ($("sms-files")), $("sms-chips"));
  $("customers").addEventListener("click", (e) => {
    /** @type {HTMLElement | null} */
    const tab = /** @type {Element} */ (e.target).closest("[data-phone]");
    if (!tab) return;
    state.customer = /** @type {string} */ (tab.dataset.phone); // it has one: closest() matched it
    render();
  });
  $("suggestions").replaceChildren(
    ...SUGGESTIONS.map((text) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.addEventListener("click", () => {
        /** @type {HTMLInputElement} */ ($("sms-input")).value = text;
        $("sms-input").focus();
      });
      return b;
    }),
  );
  $("sms-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = /** @type {HTMLInputElement} */ ($("sms-input"));
    const body = input.value.trim();
    const chosen = picker.files();
    if (!body && !chosen.length) return;
    input.value = "";
    picker.clear();
    try {
      const media = await readAttachments(chosen);
      const sent = /** @type {import("./types.js").TextAnswer} */ (
        await post("text", { from: state.customer, body, ...(media.length ? { media } : {}) })
      );
      if (media.length) (keepOwnFiles(sent.providerId, media), render());
    } catch (error) {
      // Nothing went: what was typed and chosen is back, to change and send again.
      if (!input.value) input.value = body;
      picker.restore(chosen);
      alert(`Not sent: ${/** @type {Error} */ (error).message}`);
    }
  });
  const call = /** @type {HTMLButtonElement} */ ($("call"));
  call.addEventListener("click", async () => {
    call.disabled = true;
    try {
      // No one answers: the call shows on the phone, and Baton's text-back follows as a text.
      await post("call", { from: state.customer });
    } catch (error) {
      alert(`The call did not go through: ${/** @type {Error} */ (error).message}`);
    } finally {
      call.disabled = false;
    }
  });
  $("signal").addEventListener("click", () =>
    post("signal", { phone: state.customer, reachable: !phone(/** @type {string} */ (state.customer)).reachable }),
  );
}

/** @param {string} name */
export function initials(name) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join("");
}

/** @param {string | undefined} e164 */
function formatNumber(e164) {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164 ?? "");
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : (e164 ?? "");
}
