import { describe, expect, it } from "vitest";
import { choosePhone } from "../../../src/core/leads/choose-phone.js";
import { describeFirstTouch } from "../../../src/core/leads/describe-lead-source.js";
import { vehicleKey } from "../../../src/core/leads/describe-vehicle.js";
import { LeadRejected, type IncomingLead } from "../../../src/core/leads/lead.js";
import { normaliseUsPhone } from "../../../src/core/leads/normalise-phone.js";
import { prepareLead } from "../../../src/core/leads/prepare-lead.js";
import { greetingName, writeFirstTouch } from "../../../src/core/leads/write-first-touch.js";

const at = new Date("2026-03-02T15:00:00Z");
const form = (over: Partial<IncomingLead> = {}): IncomingLead => ({
  channel: "form",
  customer: { name: "Dana Reyes", phones: [{ number: "512-555-0123" }] },
  smsConsent: true,
  ...over,
});

describe("phone numbers", () => {
  it("normalises US numbers to E.164 and refuses what cannot be a line", () => {
    for (const text of [
      "(512) 555-0123",
      "512.555.0123",
      "1-512-555-0123",
      "+1 512 555 0123",
      "5125550123 ext. 12",
      "512-555-0123 x4",
    ]) {
      expect(normaliseUsPhone(text)).toBe("+15125550123");
    }
    expect(normaliseUsPhone("+44 20 7946 0958")).toBe("+442079460958");
    for (const text of [
      "(000) 000-0000",
      "555-0123",
      "112-555-0123",
      "512-055-0123",
      "512-911-0123",
      "call me",
      "512555012345",
    ]) {
      expect(normaliseUsPhone(text)).toBeUndefined();
    }
  });

  it("picks a mobile first, then an unspecified or voice line; home and work are kept for a call, not texted", () => {
    expect(
      choosePhone([
        { number: "857-485-7485", type: "home" },
        { number: "979-685-9685", type: "mobile" },
      ]),
    ).toMatchObject({ phone: "+19796859685", textable: true });
    expect(choosePhone([{ number: "393-999-3922", type: "voice", time: "evening" }])).toMatchObject({
      phone: "+13939993922",
      textable: true,
      preferredTime: "evening",
    });
    expect(choosePhone([{ number: "512-555-0123" }])).toMatchObject({ textable: true });
    expect(choosePhone([{ number: "857-485-7485", type: "work" }])).toMatchObject({
      phone: "+18574857485",
      textable: false,
    });
    expect(choosePhone([{ number: "(000) 000-0000", type: "voice" }])).toEqual({ textable: false, invalid: 1 });
  });
});

describe("consent and contact", () => {
  it("texts a form lead only with smsConsent: true", () => {
    expect(prepareLead({ lead: form(), dealershipId: "main", receivedAt: at }).record).toMatchObject({
      firstTouch: "pending",
      smsConsent: true,
      consentSource: "form_checkbox",
    });
    expect(
      prepareLead({ lead: form({ smsConsent: false }), dealershipId: "main", receivedAt: at }).record,
    ).toMatchObject({ firstTouch: "none", smsConsent: false });
    expect(
      prepareLead({ lead: form({ smsConsent: undefined }), dealershipId: "main", receivedAt: at }).record.firstTouch,
    ).toBe("none");
  });

  it("texts an ADF lead only when the rooftop says its providers collect consent", () => {
    const adf = form({ channel: "adf", smsConsent: undefined });
    expect(prepareLead({ lead: adf, dealershipId: "main", receivedAt: at }).record.firstTouch).toBe("none");
    expect(
      prepareLead({ lead: adf, dealershipId: "main", settings: { adfImpliesSmsConsent: false }, receivedAt: at }).record
        .firstTouch,
    ).toBe("none");
    expect(
      prepareLead({ lead: adf, dealershipId: "main", settings: { adfImpliesSmsConsent: true }, receivedAt: at }).record
        .firstTouch,
    ).toBe("pending");
  });

  it("with consent but only a work number: kept for a call, not texted", () => {
    const lead = form({ customer: { phones: [{ number: "512-555-0123", type: "work" }] } });
    expect(prepareLead({ lead, dealershipId: "main", receivedAt: at }).record).toMatchObject({
      firstTouch: "skipped:no_mobile",
      phone: "+15125550123",
    });
  });

  it("refuses a lead nobody can contact, and a form's invalid phone even with an e-mail", () => {
    const reject = (lead: IncomingLead) => () => prepareLead({ lead, dealershipId: "main", receivedAt: at });
    expect(reject(form({ customer: { name: "Dana", phones: [] } }))).toThrow(
      new LeadRejected("no_contact", "no usable contact: the lead has no phone number and no valid e-mail"),
    );
    expect(reject(form({ customer: { phones: [{ number: "12" }], email: "dana@example.com" } }))).toThrow(
      /phone: not a valid US phone number/,
    );
    expect(
      reject(form({ channel: "adf", customer: { phones: [{ number: "(000) 000-0000" }], email: "emailaddress" } })),
    ).toThrow(/no usable contact/);
    // An ADF lead with a bad number but a good e-mail is kept, for people to e-mail.
    expect(
      prepareLead({
        lead: form({ channel: "adf", customer: { phones: [{ number: "000" }], email: "dana@example.com" } }),
        dealershipId: "main",
        receivedAt: at,
      }).record,
    ).toMatchObject({ phone: undefined, email: "dana@example.com" });
  });

  it("keys a provider's lead id per rooftop, channel and provider; the vehicle by VIN, stock, or year make model", () => {
    const { record } = prepareLead({
      lead: form({ providerLeadId: "abc", provider: { name: "Website" } }),
      dealershipId: "main",
      receivedAt: at,
    });
    expect(record.dedupeKey).toBe("main:form:website:abc");
    expect(vehicleKey({ vin: "1ABC", stock: "9" })).toBe("vin:1abc");
    expect(vehicleKey({ stock: " 45821 " })).toBe("stock:45821");
    expect(vehicleKey({ year: 2025, make: "Toyota", model: "Tacoma" })).toBe("ymm:2025 toyota tacoma");
    expect(vehicleKey(undefined)).toBeUndefined();
  });
});

describe("the first text", () => {
  it("shows it read the lead, says who is texting, asks one question and says how to opt out", () => {
    const text = writeFirstTouch({
      firstName: "Dana",
      dealershipName: "Maple Ridge Motors",
      vehicle: { year: 2025, make: "Toyota", model: "Tacoma", trim: "TRD Off-Road", stock: "45821", interest: "buy" },
    });
    expect(text).toBe(
      "Hi Dana, thanks for asking about the 2025 Toyota Tacoma TRD Off-Road, stock 45821. This is Maple Ridge Motors. When would be a good time for you to come see it? Reply STOP to opt out.",
    );
    expect(text.match(/\?/g)).toHaveLength(1);
  });

  it("asks what fits the lead: test drive, trade-in, price, nothing named", () => {
    expect(writeFirstTouch({ dealershipName: "M", vehicle: { model: "RAV4", interest: "test-drive" } })).toContain(
      "When would you like to come in for a test drive?",
    );
    expect(
      writeFirstTouch({
        dealershipName: "M",
        vehicle: { year: 2015, make: "Honda", model: "Civic", interest: "trade-in" },
      }),
    ).toContain("about your 2015 Honda Civic. This is M. About how many miles are on it?");
    expect(
      writeFirstTouch({ dealershipName: "M", vehicle: { model: "Regal" }, comments: "What is your best price?" }),
    ).toContain("financing, leasing or paying cash?");
    expect(writeFirstTouch({ dealershipName: "Maple Ridge Motors" })).toBe(
      "Hi, thanks for reaching out to Maple Ridge Motors. What kind of vehicle are you shopping for? Reply STOP to opt out.",
    );
  });

  it("greets by a real first name only", () => {
    expect(greetingName("JOHNNY CUSTOMER")).toBe("Johnny");
    expect(greetingName("dana")).toBe("Dana");
    expect(greetingName("Mary-Jo Smith")).toBe("Mary-Jo");
    for (const name of ["Example", "First Last", "<script>", "12345", undefined])
      expect(greetingName(name)).toBeUndefined();
  });

  it("tells a rep what happened about texting", () => {
    const receivedAt = new Date("2026-03-02T15:00:00Z");
    expect(
      describeFirstTouch({
        firstTouch: "sent",
        firstTouchAt: new Date("2026-03-02T15:00:04Z"),
        receivedAt,
        smsConsent: true,
      }),
    ).toBe("First text sent 4s after the lead arrived.");
    expect(describeFirstTouch({ firstTouch: "none", receivedAt, smsConsent: false })).toContain("no SMS consent");
    expect(describeFirstTouch({ firstTouch: "refused:opted_out", receivedAt, smsConsent: true })).toContain(
      "opted out",
    );
    expect(describeFirstTouch({ firstTouch: "skipped:repeat", receivedAt, smsConsent: true })).toContain(
      "not texted twice",
    );
  });
});
