import { describe, expect, it } from "vitest";
import { maskPhone, maskPhonesIn } from "../../../src/core/compliance/mask-phone.js";
import { explainSendFailure } from "../../../src/core/messaging/send-failure.js";

describe("phone numbers shown to staff and operators", () => {
  it("keeps only the last four digits", () => {
    expect(maskPhone("+15125550123")).toBe("•••-•••-0123");
  });

  it("masks every number in free text, whatever its separators, and leaves other figures alone", () => {
    expect(maskPhonesIn("The 'To' number +15125550123 is not a valid phone number.")).toBe(
      "The 'To' number •••-•••-0123 is not a valid phone number.",
    );
    expect(maskPhonesIn("call (512) 555-0188 or 512.555.0199")).toBe("call •••-•••-0188 or •••-•••-0199");
    expect(maskPhonesIn("error 30008 after 3 tries, 2 segments")).toBe("error 30008 after 3 tries, 2 segments");
  });

  it("never posts a provider's message with the customer's full number in a thread", () => {
    expect(explainSendFailure("unknown", "Message to +15125550123 could not be delivered")).toBe(
      "Message to •••-•••-0123 could not be delivered",
    );
    expect(explainSendFailure("invalid_number", "The 'To' number +15125550123 is not a valid phone number.")).toBe(
      "this is not a valid phone number",
    );
  });
});
