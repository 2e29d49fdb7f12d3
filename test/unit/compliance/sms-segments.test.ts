import { describe, expect, it } from "vitest";
import { fitSms, measureSms } from "../../../src/core/compliance/sms-segments.js";

describe("measureSms", () => {
  it("counts an empty text as nothing to send", () => {
    expect(measureSms("")).toEqual({ encoding: "GSM-7", units: 0, segments: 0 });
  });

  it("fits 160 GSM-7 characters in one segment and splits at 153 after that", () => {
    expect(measureSms("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(measureSms("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    expect(measureSms("a".repeat(306)).segments).toBe(2);
    expect(measureSms("a".repeat(307)).segments).toBe(3);
  });

  it("keeps accented letters of the GSM alphabet in GSM-7", () => {
    expect(measureSms("Café à Málaga").encoding).toBe("UCS-2"); // á is not GSM
    expect(measureSms("Café à Göteborg, señor").encoding).toBe("GSM-7");
  });

  it("counts extension characters as two septets and never splits their escape pair", () => {
    expect(measureSms("€{}[]~^|\\")).toEqual({ encoding: "GSM-7", units: 18, segments: 1 });
    expect(measureSms("{".repeat(80)).segments).toBe(1);
    // 306 septets would be two parts, but the € at the boundary moves whole to the next part.
    const straddling = `${"a".repeat(152)}€${"a".repeat(152)}`;
    expect(measureSms(straddling)).toEqual({ encoding: "GSM-7", units: 306, segments: 3 });
  });

  it("switches the whole message to UCS-2 for one character outside GSM-7", () => {
    expect(measureSms("Price is “firm”")).toMatchObject({ encoding: "UCS-2", units: 15, segments: 1 });
    expect(measureSms("á".repeat(70)).segments).toBe(1);
    expect(measureSms("á".repeat(71)).segments).toBe(2);
    expect(measureSms("á".repeat(134)).segments).toBe(2);
    expect(measureSms("á".repeat(135)).segments).toBe(3);
  });

  it("counts an emoji as two UTF-16 units and keeps its surrogate pair in one segment", () => {
    expect(measureSms("See you soon 👍")).toEqual({ encoding: "UCS-2", units: 15, segments: 1 });
    const straddling = `${"a".repeat(66)}😀${"a".repeat(66)}`;
    expect(measureSms(straddling)).toEqual({ encoding: "UCS-2", units: 134, segments: 3 });
  });
});

describe("fitSms", () => {
  const long = "Thanks for texting Maple Ridge Motors! ".repeat(12).trim();

  it("leaves a text that fits alone", () => {
    expect(fitSms("Sales is open until 8 PM today.")).toBe("Sales is open until 8 PM today.");
  });

  it("cuts a long GSM-7 text at a word boundary, with a GSM-safe ellipsis, within two segments", () => {
    const fitted = fitSms(long);
    expect(measureSms(fitted)).toMatchObject({ encoding: "GSM-7", segments: 2 });
    expect(fitted.endsWith("...")).toBe(true);
    const body = fitted.slice(0, -3);
    expect(long.startsWith(body)).toBe(true);
    expect(long[body.length]).toMatch(/[\s.,;:!-]/); // ends where a word ends
    expect(fitted.length).toBeGreaterThan(250); // uses the room it has
  });

  it("uses … for a UCS-2 text and never breaks an emoji", () => {
    const text = "Gracias 🙏 ".repeat(40);
    const fitted = fitSms(text, 1);
    expect(measureSms(fitted).segments).toBe(1);
    expect(fitted.endsWith("…")).toBe(true);
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("honours a different segment budget", () => {
    expect(measureSms(fitSms(long, 1)).segments).toBe(1);
    expect(measureSms(fitSms(long, 3)).segments).toBeLessThanOrEqual(3);
  });
});
