// @ts-check
// What the page knows, built only from the server's event feed (replayed on load, then live).

/** @typedef {import("./types.js").Card} Card */
/** @typedef {import("./types.js").FeedEvent} FeedEvent */
/** @typedef {import("./types.js").PhoneState} PhoneState */

/** @type {import("./types.js").State} */
export const state = {
  setup: null,
  /** phone → { messages (texts and calls), unread, reachable } */
  phones: new Map(),
  /** providerId → message, for delivery reports */
  byProvider: new Map(),
  /** callSid → call line, for what Baton does about the call */
  byCall: new Map(),
  /** thread ts → { ts, conversationId, blocks, text, at, replies } */
  cards: new Map(),
  /** the #handoffs channel in order: { card: ts } or { broadcast: reply } */
  channelItems: [],
  managers: [],
  /** ADF leads and webhook events the CRM would have received, in order */
  crm: [],
  customer: null,
  rep: null,
  channel: "handoffs",
  openThread: null,
  unread: { handoffs: 0, managers: 0, crm: 0 },
  clock: { now: Date.now(), offsetMs: 0, receivedAt: Date.now() },
  /** the newest ephemeral for the rep on screen, shown as a toast */
  toast: null,
};

/**
 * @param {string} number
 * @returns {PhoneState}
 */
export function phone(number) {
  let p = state.phones.get(number);
  if (!p) state.phones.set(number, (p = { messages: [], unread: 0, reachable: true }));
  return p;
}

/**
 * @param {string} ts
 * @returns {Card}
 */
function card(ts) {
  let c = state.cards.get(ts);
  if (!c) {
    // A thread whose card this page never saw (posted before Baton restarted).
    c = {
      ts,
      conversationId: null,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "_A card from before Baton restarted._" } }],
      text: "",
      at: null,
      replies: [],
    };
    state.cards.set(ts, c);
    state.channelItems.push({ card: ts });
  }
  return c;
}

/**
 * How each event changes the state.
 * @type {{ [T in FeedEvent["type"]]: (event: Extract<FeedEvent, { type: T }>) => void }}
 */
const APPLY = {
  reset() {
    state.phones.clear();
    state.byProvider.clear();
    state.byCall.clear();
    state.cards.clear();
    state.channelItems.length = 0;
    state.managers.length = 0;
    state.crm.length = 0;
  },
  sms(e) {
    const p = phone(e.phone);
    const message = { ...e };
    p.messages.push(message);
    state.byProvider.set(e.providerId, message);
    if (e.direction === "out" && e.phone !== state.customer) p.unread++;
  },
  call(e) {
    const line = { ...e };
    phone(e.phone).messages.push(line);
    state.byCall.set(e.callSid, line);
  },
  call_action(e) {
    const line = state.byCall.get(e.callSid);
    if (line) line.action = e.action;
  },
  status(e) {
    const message = state.byProvider.get(e.providerId);
    if (message) Object.assign(message, { status: e.status, reason: e.reason });
  },
  signal(e) {
    phone(e.phone).reachable = e.reachable;
  },
  card(e) {
    const known = state.cards.has(e.ts);
    const c = card(e.ts);
    Object.assign(c, { conversationId: e.conversationId, blocks: e.blocks, text: e.text, at: c.at ?? e.at });
    if (!known && state.channel !== "handoffs") state.unread.handoffs++;
  },
  thread(e) {
    const c = card(e.ts);
    c.replies.push(e);
    if (e.broadcast) {
      state.channelItems.push({ broadcast: e });
      if (state.channel !== "handoffs") state.unread.handoffs++;
    }
  },
  ephemeral(e) {
    if (e.ts) card(e.ts).replies.push({ ...e, kind: "ephemeral" });
    // Replayed old notes (a reload) are not toasted again.
    if (Date.parse(e.at) > clockNow().getTime() - 10_000)
      state.toast = { text: e.text, userId: e.userId, at: Date.now() };
  },
  managers(e) {
    state.managers.push(e);
    if (state.channel !== "managers") state.unread.managers++;
  },
  adf(e) {
    state.crm.push(e);
    if (state.channel !== "crm") state.unread.crm++;
  },
  webhook(e) {
    state.crm.push(e);
    if (state.channel !== "crm") state.unread.crm++;
  },
  clock(e) {
    state.clock = { now: Date.parse(e.now), offsetMs: e.offsetMs, receivedAt: Date.now() };
  },
};

/** @param {FeedEvent} event */
export function apply(event) {
  // Typed per event type above; the feed may also send a type this page does not know.
  /** @type {((event: FeedEvent) => void) | undefined} */ (APPLY[event.type])?.(event);
  // Every event carries the server's time: a page that fell behind (the clock moved) catches up.
  const at = event.at ? Date.parse(event.at) : NaN;
  if (at > clockNow().getTime()) Object.assign(state.clock, { now: at, receivedAt: Date.now() });
}

/** The sandbox clock now: what the server said, moved on by real time since. */
export function clockNow() {
  return new Date(state.clock.now + (Date.now() - state.clock.receivedAt));
}

/**
 * @param {string | Date} iso
 * @param {boolean} [withDay]
 */
export function formatTime(iso, withDay = false) {
  /** @type {Intl.DateTimeFormatOptions} */
  const options = { timeZone: state.setup?.dealership.timezone, hour: "numeric", minute: "2-digit" };
  if (withDay) options.weekday = "short";
  return new Intl.DateTimeFormat("en-US", options).format(typeof iso === "string" ? new Date(iso) : iso);
}

/**
 * "Central Time" for America/Chicago: the zone's generic name, or its IANA id when Intl has none.
 * @param {string} timeZone
 */
export function zoneName(timeZone) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longGeneric" }).formatToParts(clockNow());
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/**
 * @param {string} id
 * @returns {string}
 */
export function repName(id) {
  return state.setup?.reps.find((r) => r.id === id)?.name ?? id;
}

/**
 * @param {string} path
 * @param {Record<string, unknown>} body
 * @returns {Promise<unknown>} the JSON answer, or undefined for 204
 */
export async function post(path, body) {
  const res = await fetch(`/sandbox/api/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok && res.status !== 204)
    throw new Error((await res.json().catch(() => ({}))).error ?? `HTTP ${res.status}`);
  return res.status === 204 ? undefined : res.json();
}
