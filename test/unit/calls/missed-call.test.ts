import { describe, expect, it } from "vitest";
import { decideMissedCall, isMissedDial, writeTextBack } from "../../../src/core/calls/missed-call.js";

const customer = (optedOut: boolean) => ({ id: "c1", dealershipId: "main", phone: "+15125550123", optedOut });

describe("a missed call: who gets what", () => {
  it("counts a ring as missed when no one picked up, including a caller who hung up while it rang", () => {
    expect(["no-answer", "busy", "failed", "canceled"].filter(isMissedDial)).toHaveLength(4);
    expect(isMissedDial("completed")).toBe(false);
    expect(isMissedDial("answered")).toBe(false);
  });

  it("never texts a number that opted out, even when a person owns the thread; an owner is told instead of the AI texting", () => {
    expect(decideMissedCall({ customer: customer(true), status: "claimed" })).toBe("opted_out");
    expect(decideMissedCall({ customer: customer(false), status: "claimed" })).toBe("owner");
    expect(decideMissedCall({ customer: customer(false), status: "pending" })).toBe("text");
    expect(decideMissedCall({ customer: customer(false), status: "ai" })).toBe("text");
    // A person is deciding whether the customer still wants texts: they are told, nobody texts.
    expect(decideMissedCall({ customer: customer(false), status: "pending", handoffReason: "may_opt_out" })).toBe(
      "owner",
    );
  });

  it("writes the text-back in the customer's language, or in the store's own words from its knowledge file", () => {
    expect(writeTextBack({ storeName: "Maple Ridge Motors" })).toBe(
      "Sorry we missed your call, this is Maple Ridge Motors. How can we help? You can text us right here.",
    );
    expect(writeTextBack({ storeName: "Maple Ridge Motors", language: "es" })).toMatch(
      /^Perdón que no pudimos contestar su llamada, le escribe Maple Ridge Motors\./,
    );
    const custom = { en: "Hi from {store}! We saw your call; what can we do for you?", es: "¡Hola de {store}!" };
    expect(writeTextBack({ storeName: "Maple Ridge", custom })).toBe(
      "Hi from Maple Ridge! We saw your call; what can we do for you?",
    );
    expect(writeTextBack({ storeName: "Maple Ridge", language: "es", custom })).toBe("¡Hola de Maple Ridge!");
    // A store with English words only still writes to a Spanish speaker in Spanish.
    expect(writeTextBack({ storeName: "Maple Ridge", language: "es", custom: { en: custom.en } })).toMatch(/^Perdón/);
  });
});
