import { describe, expect, it } from "vitest";
import type { HandoffCard } from "../../../src/core/ports/staff-chat.js";
import { formatDuration, renderHandoffCard } from "../../../src/adapters/staff-chat/slack/render-handoff-card.js";

const base: HandoffCard = {
  conversationId: "c-1",
  dealershipId: "main",
  dealershipName: "Maple Ridge Motors",
  customerFirstName: "Dana",
  maskedPhone: "•••-•••-0123",
  department: "sales",
  status: "pending",
  reason: "price",
  reasonText: "Wants to talk numbers (price, discount, out-the-door)",
  summary: "Dana asks about the 2024 Tacoma and wants an out-the-door price.",
  lead: {
    name: "Dana Whitfield",
    vehicle: { year: 2024, make: "Toyota", model: "Tacoma", trim: "TRD Off-Road", stock: "45821" },
    timing: "Saturday morning",
    tradeIn: { year: 2016, make: "Honda", model: "Civic", mileage: 98000 },
  },
  lastMessages: [
    { author: "customer", body: "best OTD price? <@U123> & <!channel>", at: new Date() },
    { author: "ai", body: "A teammate will follow up shortly.", at: new Date() },
  ],
  optedOut: false,
};

const all = (card: HandoffCard) => JSON.stringify(renderHandoffCard(card).blocks);
const actionIds = (card: HandoffCard) =>
  renderHandoffCard(card)
    .blocks.filter((b) => b.type === "actions")
    .flatMap((b) => ("elements" in b ? b.elements : []))
    .map((e) => ("action_id" in e ? e.action_id : undefined));

describe("renderHandoffCard", () => {
  it("shows who, which department, why, the summary, lead fields and the last messages", () => {
    const { text, blocks } = renderHandoffCard(base);
    expect(blocks[0]).toMatchObject({ type: "header", text: { text: "Dana · Sales · needs a person" } });
    expect(text).toContain("Wants to talk numbers");
    const shown = all(base);
    expect(shown).toContain("2024 Toyota Tacoma TRD Off-Road (stock 45821)");
    expect(shown).toContain("2016 Honda Civic, 98,000 mi");
    expect(shown).toContain("Saturday morning");
    expect(shown).toContain("•••-•••-0123");
    expect(shown).toContain("A teammate will follow up shortly.");
  });

  it("escapes the notification text as well as the blocks: a lead named <!channel> pings nobody", () => {
    const { text } = renderHandoffCard({ ...base, customerFirstName: "<!channel>" });
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).not.toContain("<!channel>");
  });

  it("escapes customer text so it cannot mention people or channels", () => {
    const shown = all(base);
    expect(shown).toContain("&lt;@U123&gt; &amp; &lt;!channel&gt;");
    expect(shown).not.toContain("<@U123>");
  });

  it("offers Claim, Hand back and Resolve while waiting; no Claim once claimed; nothing once resolved", () => {
    expect(actionIds(base)).toEqual(["baton_claim", "baton_hand_back", "baton_resolve"]);
    const claimed = { ...base, status: "claimed" as const, owner: { id: "U1", name: "Jordan" }, waitedMs: 134_000 };
    expect(actionIds(claimed)).toEqual(["baton_hand_back", "baton_resolve"]);
    expect(all(claimed)).toContain("Claimed by *Jordan* · the customer waited 2m 14s");
    expect(actionIds({ ...base, status: "ai" })).toEqual(["baton_claim", "baton_resolve"]);
    expect(actionIds({ ...base, status: "resolved" })).toEqual([]);
  });

  it("says plainly when the customer opted out", () => {
    expect(all({ ...base, optedOut: true })).toContain("opted out of texts");
  });

  it("formats waiting times for people", () => {
    expect(formatDuration(9_400)).toBe("9s");
    expect(formatDuration(134_000)).toBe("2m 14s");
    expect(formatDuration(3_900_000)).toBe("1h 5m");
  });
});
