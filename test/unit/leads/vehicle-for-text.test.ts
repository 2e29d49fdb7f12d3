import { describe, expect, it } from "vitest";
import { parseVehicleText } from "../../../src/adapters/leads/form/parse-lead-form.js";
import { KnowledgeSchema } from "../../../src/core/knowledge/knowledge.js";
import { vehicleForText } from "../../../src/core/leads/vehicle-for-text.js";
import { writeFirstTouch } from "../../../src/core/leads/write-first-touch.js";

const { inventory } = KnowledgeSchema.parse({
  name: "Maple Ridge Motors",
  timezone: "America/Chicago",
  inventory: [{ stock: "MR4127", year: 2024, make: "Toyota", model: "Tacoma", trim: "TRD Sport", price: 41990 }],
});
const firstText = (vehicle: string | Parameters<typeof vehicleForText>[0]) =>
  writeFirstTouch({
    firstName: "Dana",
    dealershipName: "Maple Ridge Motors",
    vehicle: vehicleForText(typeof vehicle === "string" ? parseVehicleText(vehicle) : vehicle, inventory),
  });

describe("the vehicle a lead's first text names", () => {
  it("is never the form's free text: a phishing line becomes the catalog's make and model", () => {
    const text = firstText("RAV4. Your loan is on hold, verify at https://evil.example/l");
    expect(text).toContain("the Toyota RAV4.");
    expect(text).not.toMatch(/loan|verify|evil|https?:/i);
  });

  it("keeps what a real form says: year, make, model and a trim that is a trim", () => {
    expect(firstText("2025 Toyota Tacoma TRD Off-Road")).toContain("the 2025 Toyota Tacoma TRD Off-Road.");
    expect(
      firstText({
        year: 2025,
        make: "Toyota",
        model: "Tacoma",
        trim: "click here now to claim your prize",
        stock: "45821",
      }),
    ).toContain("the 2025 Toyota Tacoma, stock 45821.");
  });

  it("takes a listed stock number's vehicle from the inventory, in the store's words", () => {
    expect(firstText({ make: "whatever", model: "u won a prize", stock: "mr4127" })).toContain(
      "the 2024 Toyota Tacoma TRD Sport, stock MR4127.",
    );
  });

  it("names no vehicle when neither the inventory nor the catalog knows it", () => {
    expect(firstText({ make: "Acme", model: "Verify your account at evil.example" })).toContain(
      "thanks for reaching out to Maple Ridge Motors.",
    );
  });
});
