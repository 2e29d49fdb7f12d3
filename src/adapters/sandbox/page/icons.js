// @ts-check
// The page's own icons, drawn as inline SVG: Slack's emoji codes in Baton's messages (and the
// thread's line labels) would otherwise need a colour-emoji font, and without one (a fresh Debian
// or a server) they show as empty boxes. Each icon is a 16×16 drawing in its own colours.

/**
 * @param {string} label
 * @param {string} body
 */
const svg = (label, body) =>
  `<svg class="icon" viewBox="0 0 16 16" role="img" aria-label="${label}" focusable="false">${body}</svg>`;

/** @type {Record<string, string>} */
const ICONS = {
  bar_chart: svg(
    "chart",
    '<rect x="1" y="1" width="14" height="14" rx="3" fill="#e8f0fd"/><rect x="4" y="8" width="2" height="5" fill="#1f5fd6"/><rect x="7" y="4" width="2" height="9" fill="#d92d20"/><rect x="10" y="6" width="2" height="7" fill="#12a150"/>',
  ),
  heavy_check_mark: svg(
    "done",
    '<path d="M3 8.5l3.2 3.2L13 4.8" fill="none" stroke="#344054" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
  ),
  white_check_mark: svg(
    "claimed",
    '<rect x="1" y="1" width="14" height="14" rx="3" fill="#12a150"/><path d="M4.2 8.3l2.5 2.5 5-5.2" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>',
  ),
  hourglass_flowing_sand: svg(
    "waiting",
    '<path d="M4 1.5h8M4 14.5h8" stroke="#8a5a00" stroke-width="1.5" stroke-linecap="round"/><path d="M5 2c0 3 3 4 3 6s-3 3-3 6h6c0-3-3-4-3-6s3-3 3-6z" fill="#fff1d6" stroke="#8a5a00" stroke-width="1.2" stroke-linejoin="round"/><path d="M6.2 13.2c.4-1.3 1.8-2 1.8-2s1.4.7 1.8 2z" fill="#f0b429"/>',
  ),
  information_source: svg(
    "information",
    '<circle cx="8" cy="8" r="7" fill="#1f5fd6"/><circle cx="8" cy="4.6" r="1.1" fill="#fff"/><rect x="7" y="6.8" width="2" height="5.4" rx="1" fill="#fff"/>',
  ),
  no_entry: svg(
    "stopped",
    '<circle cx="8" cy="8" r="7" fill="#d92d20"/><rect x="3.5" y="6.8" width="9" height="2.4" rx="1" fill="#fff"/>',
  ),
  robot_face: svg(
    "AI",
    '<path d="M8 1.5v2" stroke="#475467" stroke-width="1.4" stroke-linecap="round"/><circle cx="8" cy="1.6" r="1.1" fill="#475467"/><rect x="2" y="4" width="12" height="10" rx="3" fill="#98a2b3"/><circle cx="5.7" cy="8.3" r="1.4" fill="#fff"/><circle cx="10.3" cy="8.3" r="1.4" fill="#fff"/><rect x="5.5" y="11" width="5" height="1.2" rx=".6" fill="#fff"/>',
  ),
  rotating_light: svg(
    "alert",
    '<path d="M4 11V8a4 4 0 0 1 8 0v3z" fill="#d92d20"/><rect x="2.5" y="11" width="11" height="3" rx="1" fill="#475467"/><path d="M8 .8v1.6M2.3 3.3l1.1 1.1M13.7 3.3l-1.1 1.1" stroke="#d92d20" stroke-width="1.4" stroke-linecap="round"/><circle cx="6.5" cy="8" r="1" fill="#fff" opacity=".7"/>',
  ),
  speech_balloon: svg(
    "customer",
    '<path d="M2.5 2h11A1.5 1.5 0 0 1 15 3.5v7a1.5 1.5 0 0 1-1.5 1.5H7l-3.5 3v-3h-1A1.5 1.5 0 0 1 1 10.5v-7A1.5 1.5 0 0 1 2.5 2z" fill="#fff" stroke="#667085" stroke-width="1.2" stroke-linejoin="round"/><circle cx="5" cy="7" r="1" fill="#667085"/><circle cx="8" cy="7" r="1" fill="#667085"/><circle cx="11" cy="7" r="1" fill="#667085"/>',
  ),
  warning: svg(
    "warning",
    '<path d="M8 1.5L15 14H1z" fill="#f0b429" stroke="#b54708" stroke-width="1" stroke-linejoin="round"/><rect x="7.1" y="5.5" width="1.8" height="4.6" rx=".9" fill="#1d2433"/><circle cx="8" cy="12" r="1" fill="#1d2433"/>',
  ),
};

/**
 * The icon for a Slack emoji code (`warning`, not `:warning:`), or undefined when the page has none.
 * @param {string} name
 * @returns {string | undefined}
 */
export function icon(name) {
  return ICONS[name];
}

/**
 * Replaces `:code:` in HTML with the page's icon for it; codes it has no icon for stay as written.
 * @param {string} html
 * @returns {string}
 */
export function iconsIn(html) {
  return html.replace(/:([a-z_]+):/g, (code, /** @type {string} */ name) => ICONS[name] ?? code);
}
