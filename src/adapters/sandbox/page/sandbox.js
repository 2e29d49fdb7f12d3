// @ts-check
// The sandbox page: loads who is who, follows Baton's event feed, and drives the fast clock.
import { renderChannel, wireChannel } from "./channel.js";
import { renderPhone, wirePhone } from "./phone.js";
import { apply, clockNow, formatTime, post, state, zoneName } from "./state.js";

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

let scheduled = false;
function render() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    renderPhone();
    renderChannel();
    renderClock();
  });
}

/** @param {number} ms */
function describeOffset(ms) {
  if (ms < 60_000) return "";
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  const minutes = Math.round((ms % 3_600_000) / 60_000);
  return `${[days && `${days}d`, hours && `${hours}h`, minutes && `${minutes}m`].filter(Boolean).join(" ")} ahead`;
}

function renderClock() {
  $("clock-now").textContent = formatTime(clockNow(), true);
  const ahead = describeOffset(state.clock.offsetMs);
  $("clock-ahead").hidden = !ahead;
  $("clock-ahead").textContent = ahead;
}

function wireClock() {
  /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll("[data-advance]")).forEach((button) =>
    button.addEventListener("click", async () => {
      /** @type {NodeListOf<HTMLButtonElement>} */
      const buttons = document.querySelectorAll("[data-advance]");
      buttons.forEach((b) => (b.disabled = true));
      document.body.classList.add("busy");
      try {
        await post("clock", { advanceMs: Number(button.dataset.advance) });
      } catch (error) {
        alert(`The clock did not move: ${/** @type {Error} */ (error).message}`);
      } finally {
        buttons.forEach((b) => (b.disabled = false));
        document.body.classList.remove("busy");
      }
    }),
  );
  setInterval(() => {
    renderClock();
    if (state.toast && Date.now() - state.toast.at > 6000) ((state.toast = null), render());
  }, 1000);
}

async function start() {
  /** @type {import("./types.js").Setup} */
  const setup = await (await fetch("/sandbox/api/setup")).json();
  state.setup = setup;
  state.customer = setup.customers[0].phone;
  state.rep = setup.reps[0].id;
  apply({ type: "clock", ...setup.clock });
  $("workspace").textContent = setup.dealership.name;
  // The zone's own name ("Central Time"), not its IANA city: a Fort Worth store is not in "Chicago".
  $("clock-zone").textContent = `Dealership time (${zoneName(setup.dealership.timezone)})`;
  $("clock-zone").title = setup.dealership.timezone;
  wirePhone(render);
  wireChannel(render);
  wireClock();

  const events = new EventSource("/sandbox/api/events");
  events.onmessage = (message) => {
    apply(/** @type {import("./types.js").FeedEvent} */ (JSON.parse(message.data)));
    render();
  };
  events.onopen = () => document.body.classList.remove("offline");
  events.onerror = () => document.body.classList.add("offline");
  render();
  document.body.dataset.ready = "true";
}

start().catch((error) => {
  const p = document.createElement("p");
  p.className = "fatal";
  p.textContent = `The sandbox could not start: ${error.message}`;
  document.body.prepend(p);
});
