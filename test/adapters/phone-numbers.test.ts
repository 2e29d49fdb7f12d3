import { describe, expect, it } from "vitest";
import { libphonenumberPhones } from "../../src/adapters/phone/libphonenumber/libphonenumber-phones.js";
import { refuseDestination } from "../../src/core/leads/texting-destination.js";

const policy = { countries: ["US", "CA"], ownNumbers: ["+15125550100"] };
const refuse = (e164: string, countries = policy.countries) =>
  refuseDestination(e164, libphonenumberPhones, { ...policy, countries });

describe("where an automated first text may go", () => {
  it("texts ordinary US and Canadian lines", () => {
    expect(refuse("+15125550123")).toBeUndefined();
    expect(refuse("+14165550123")).toBeUndefined(); // Toronto
  });

  it("never texts premium-rate, toll-free, Caribbean, overseas or its own numbers", () => {
    expect(refuse("+19005550188")).toBe("destination_premium");
    expect(refuse("+18005550199")).toBe("destination_toll_free");
    expect(refuse("+18885550123")).toBe("destination_toll_free");
    expect(refuse("+12425550123")).toBe("destination_country"); // the Bahamas: +1, but not the US
    expect(refuse("+18765550123")).toBe("destination_country"); // Jamaica
    expect(["destination_country", "destination_unknown"]).toContain(refuse("+447700900123"));
    expect(refuse("+15125550100")).toBe("own_number");
  });

  it("follows the rooftop's countries", () => {
    expect(refuse("+14165550123", ["US"])).toBe("destination_country");
    expect(refuse("+18765550123", ["US", "CA", "JM"])).toBeUndefined();
  });
});
