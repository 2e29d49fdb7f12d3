import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readAdfLeads } from "../../../src/adapters/leads/adf/index.js";
import { prepareLead } from "../../../src/core/leads/prepare-lead.js";
import { LeadRejected } from "../../../src/core/leads/lead.js";

// Sample ADF documents, public and written for Baton (test/fixtures/SOURCES.md).
const FIXTURES = fileURLToPath(new URL("../../fixtures/adf/", import.meta.url));
const samples = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".xml"))
  .sort();
const read = (name: string) =>
  readAdfLeads(readFileSync(path.join(FIXTURES, name), "utf8"), { timezone: "America/Chicago" });
const prepare = (name: string) =>
  prepareLead({ lead: read(name)[0]!, dealershipId: "main", receivedAt: new Date("2026-03-02T15:00:00Z") });

describe("ADF sample documents", () => {
  it("has samples to read", () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(samples)("reads %s as one lead", (name) => {
    const leads = read(name);
    expect(leads).toHaveLength(1);
    expect(leads[0]!.channel).toBe("adf");
    expect(leads[0]!.customer.phones.length + (leads[0]!.customer.email ? 1 : 0)).toBeGreaterThan(0);
  });

  it("reads the sendadf example: full name, voice phone, vehicle, vendor, offset date", () => {
    const [lead] = read("sendadf_readme_example_1.xml");
    expect(lead).toMatchObject({
      customer: { name: "John Doe", phones: [{ number: "393-999-3922", type: "voice", time: "nopreference" }] },
      vehicle: { year: 1999, make: "Chevrolet", model: "Blazer", interest: "buy", condition: "used" },
      vendor: "Acura of Bellevue",
    });
    expect(lead!.requestedAt?.toISOString()).toBe("2020-02-09T23:26:00.000Z");
    expect(prepare("sendadf_readme_example_1.xml").record).toMatchObject({
      phone: "+13939993922",
      firstTouch: "none",
      vehicleKey: "ymm:1999 chevrolet blazer",
    });
  });

  it("reads the upper-case <?ADF VERSION?> sample: picks the mobile of three phones, keeps the price question and the VIN", () => {
    const [lead] = read("baton_uppercase_pi_price_question.xml");
    expect(lead!.customer.name).toBe("Rosa Delgado");
    expect(lead!.customer.email).toBe("rosa.delgado@example.com");
    expect(lead!.comments).toBe("What is your best price?");
    expect(lead!.vehicle).toMatchObject({
      vin: "1FMCU9J98MUA12345",
      stock: "55120",
      year: 2021,
      make: "FORD",
      model: "Escape",
      condition: "used",
    });
    expect(lead!.providerLeadId).toBeUndefined(); // <id> with no text
    expect(lead!.requestedAt?.toISOString()).toBe("2024-06-18T14:05:30.000Z"); // "T9:05:30", Chicago summer time
    const { record } = prepareLead({
      lead: lead!,
      dealershipId: "main",
      settings: { adfImpliesSmsConsent: true },
      receivedAt: new Date(),
    });
    expect(record).toMatchObject({
      phone: "+15125550143",
      firstTouch: "pending",
      smsConsent: true,
      consentSource: "adf_rooftop_setting",
      vehicleKey: "vin:1fmcu9j98mua12345",
    });
  });

  it("reads CDATA comments and a provider before the customer; refuses its placeholder number as no usable contact", () => {
    const [lead] = read("baton_cdata_comments_provider_first.xml");
    expect(lead!.comments).toContain("Customer converted using the one-tap lead button");
    expect(lead!.provider).toMatchObject({
      name: "LeadButton",
      service: "LeadButton Chat",
      url: "https://leadbutton.example.com",
    });
    expect(lead!.providerLeadId).toBe("LeadButton:LeadButton");
    expect(lead!.requestedAt).toBeInstanceOf(Date);
    expect(() => prepare("baton_cdata_comments_provider_first.xml")).toThrow(LeadRejected);
    expect(() => prepare("baton_cdata_comments_provider_first.xml")).toThrow(/no usable contact/);
  });

  it("reads the Wikipedia example despite its malformed offset; an invalid e-mail is dropped, the untyped phone kept", () => {
    const [lead] = read("wikipedia_validated_example.xml");
    expect(lead!.customer.name).toBe("First Last");
    expect(lead!.requestedAt?.toISOString()).toBe("2000-03-30T23:30:20.000Z"); // "-08:0" read as -08:00
    const { record } = prepare("wikipedia_validated_example.xml");
    expect(record.email).toBeUndefined();
    expect(record.phone).toBe("+13232233322");
  });

  it("reads a document without a vendor (sendadf example 3)", () => {
    const [lead] = read("sendadf_readme_example_3.xml");
    expect(lead!.vendor).toBeUndefined();
    expect(lead!.vehicle?.condition).toBe("new");
  });
});
