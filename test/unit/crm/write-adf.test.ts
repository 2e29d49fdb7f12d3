import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { ADF_OUT_MAX_BYTES, writeAdf } from "../../../src/adapters/crm/adf/write-adf.js";
import { readAdfLeads } from "../../../src/adapters/leads/adf/index.js";
import { parseAdf } from "../../../src/adapters/leads/adf/parse-adf.js";
import { child, childText } from "../../../src/adapters/leads/adf/adf-nodes.js";
import type { CrmLead, CrmTranscriptLine } from "../../../src/core/crm/crm-lead.js";

const TZ = "America/Chicago";
const bytes = (xml: string) => Buffer.byteLength(xml, "utf8");

function readOne(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const leads = readAdfLeads(xml, { timezone: TZ });
  expect(leads).toHaveLength(1);
  return leads[0]!;
}

/** The comments as written, unclipped (the reader keeps only their first 5,000 characters). */
const fullComments = (xml: string) => childText(child(parseAdf(xml)[0], "customer"), "comments") ?? "";

function lead(overrides: Partial<CrmLead> = {}): CrmLead {
  return {
    conversationId: "conv_8f2a",
    requestedAt: new Date("2026-03-02T15:04:05Z"),
    customer: { name: "Dana Reyes", phone: "+15125550123", email: "dana@example.com" },
    vehicle: {
      year: 2025,
      make: "Toyota",
      model: "Tacoma",
      trim: "TRD Off-Road",
      stock: "00123",
      vin: "3TMLB5JN1SM123456",
      condition: "new",
    },
    tradeIn: { year: 2016, make: "Honda", model: "Civic", mileage: 98_765 },
    department: "sales",
    summary: "Wants a 2025 Tacoma TRD Off-Road, asked about a test drive.",
    timing: "Saturday morning",
    transcript: [
      { at: new Date("2026-03-02T14:58:00Z"), who: "Customer", body: "Is the Tacoma still there?" },
      { at: new Date("2026-03-02T14:58:30Z"), who: "AI", body: "Yes, stock 00123 is on the lot." },
      { at: new Date("2026-03-02T15:03:00Z"), who: "Customer", body: "Can I drive it Saturday morning?" },
    ],
    vendor: { id: "rooftop_maple", name: "Maple Ridge Motors" },
    ...overrides,
  };
}

const messages = (count: number): CrmTranscriptLine[] =>
  Array.from({ length: count }, (_, i) => ({
    at: new Date(Date.UTC(2026, 2, 1, 14, 0) + i * 60_000),
    who: i % 2 === 0 ? "Customer" : "AI",
    body: `message number ${i} about the Tacoma, price and trade & financing <details>`,
  }));

describe("writeAdf: a lead a CRM can read", () => {
  it("round-trips a full lead through Baton's own ADF reader", () => {
    const read = readOne(writeAdf(lead(), { timezone: TZ }));

    expect(read.providerLeadId).toBe("Baton SMS:conv_8f2a");
    expect(read.provider).toEqual({ name: "Baton SMS", service: "SMS conversation", url: undefined });
    expect(read.vendor).toBe("Maple Ridge Motors");
    expect(read.requestedAt?.toISOString()).toBe("2026-03-02T15:04:05.000Z");
    expect(read.customer).toMatchObject({
      name: "Dana Reyes",
      email: "dana@example.com",
      phones: [{ number: "+15125550123", type: "cellphone" }],
    });
    expect(read.vehicle).toMatchObject({
      year: 2025,
      make: "Toyota",
      model: "Tacoma",
      trim: "TRD Off-Road",
      stock: "00123",
      vin: "3TMLB5JN1SM123456",
      interest: "buy",
      condition: "new",
    });
    expect(read.tradeIn).toEqual({ year: 2016, make: "Honda", model: "Civic", mileage: 98_765 });
    expect(read.comments?.split("\n")).toEqual([
      "Texted the dealership by SMS. Department: sales.",
      "Wants a 2025 Tacoma TRD Off-Road, asked about a test drive.",
      "Customer's timing: Saturday morning",
      "Conversation so far:",
      "[2026-03-02 8:58 AM] Customer: Is the Tacoma still there?",
      "[2026-03-02 8:58 AM] AI: Yes, stock 00123 is on the lot.",
      "[2026-03-02 9:03 AM] Customer: Can I drive it Saturday morning?",
    ]);
  });

  it("writes the request date and transcript times with the rooftop's own offset, DST included", () => {
    const summer = lead({
      requestedAt: new Date("2026-07-04T17:30:00.250Z"),
      transcript: [{ at: new Date("2026-07-04T17:29:00Z"), who: "Customer", body: "hi" }],
    });
    const xml = writeAdf(summer, { timezone: TZ });
    expect(childText(parseAdf(xml)[0], "requestdate")).toBe("2026-07-04T12:30:00-05:00");
    // Read back in another zone: the offset, not the reader's zone, fixes the instant (to the second).
    expect(readAdfLeads(xml, { timezone: "Asia/Tokyo" })[0]!.requestedAt?.toISOString()).toBe(
      "2026-07-04T17:30:00.000Z",
    );
    expect(readOne(xml).comments).toContain("[2026-07-04 12:29 PM] Customer: hi");
  });

  it("names the department in the header and leaves out what is not known", () => {
    const read = readOne(
      writeAdf(lead({ department: "service", summary: undefined, timing: undefined, transcript: [] }), {
        timezone: TZ,
      }),
    );
    expect(read.comments).toBe("Texted the dealership by SMS. Department: service.");
  });

  it("writes a valid document the reader accepts for a lead with only a phone", () => {
    const xml = writeAdf(
      lead({
        customer: { phone: "+15125550123" },
        vehicle: undefined,
        tradeIn: undefined,
        summary: undefined,
        timing: undefined,
        transcript: [],
      }),
      { timezone: TZ },
    );
    const read = readOne(xml);
    expect(read.customer).toEqual({
      name: undefined,
      email: undefined,
      timeframe: undefined,
      phones: [{ number: "+15125550123", type: "cellphone", time: undefined }],
    });
    expect(read.vehicle).toBeUndefined();
    expect(read.tradeIn).toBeUndefined();
    expect(read.providerLeadId).toBe("Baton SMS:conv_8f2a");
    expect(xml).not.toMatch(/<vehicle|<name part="full"><\/name>|<email>/);
  });

  it("writes only the vehicle elements that are known, and no vehicle when nothing is", () => {
    const partial = readOne(
      writeAdf(lead({ vehicle: { make: "Ford", model: "F-150" }, tradeIn: { make: "Jeep" } }), { timezone: TZ }),
    );
    expect(partial.vehicle).toMatchObject({ make: "Ford", model: "F-150", year: undefined, vin: undefined });
    expect(partial.vehicle?.condition).toBeUndefined();
    expect(partial.tradeIn).toEqual({ make: "Jeep", year: undefined, model: undefined, mileage: undefined });

    const xml = writeAdf(lead({ vehicle: {}, tradeIn: {} }), { timezone: TZ });
    expect(xml).not.toContain("<vehicle");
    expect(readOne(xml).vehicle).toBeUndefined();
  });
});

describe("writeAdf: hostile and unusual text comes back as written", () => {
  const hostile = `Zoë </name><script>alert("x")</script> ]]> &amp; &#65; O'Brien Peña 😀`;

  it("round-trips markup, CDATA ends, entity lookalikes, emoji and accents in every field", () => {
    const xml = writeAdf(
      lead({
        customer: { name: hostile, phone: "+15125550123", email: `o'brien&co@example.com` },
        vehicle: { make: "<Toyota>", model: "Tacoma & 4Runner", trim: `"TRD" ]]>`, stock: "&lt;1&gt;" },
        tradeIn: { make: "Niño's", model: "</vehicle>" },
        vendor: { id: "r&1", name: "Peña & Hijos <Autos>" },
        summary: `Quiere una "Tacoma" ]]> <b>ya</b> & rápido — ¿mañana? 🚗`,
        transcript: [{ at: new Date("2026-03-02T15:00:00Z"), who: "Cliente <José>", body: hostile }],
      }),
      { timezone: TZ },
    );
    expect(xml).not.toContain("<![CDATA[");
    expect(xml).not.toContain("<script>");
    const read = readOne(xml);
    expect(read.customer.name).toBe(hostile);
    expect(read.customer.email).toBe("o'brien&co@example.com");
    expect(read.vehicle).toMatchObject({
      make: "<Toyota>",
      model: "Tacoma & 4Runner",
      trim: `"TRD" ]]>`,
      stock: "&lt;1&gt;",
    });
    expect(read.tradeIn).toMatchObject({ make: "Niño's", model: "</vehicle>" });
    expect(read.vendor).toBe("Peña & Hijos <Autos>");
    expect(read.comments).toContain(`Quiere una "Tacoma" ]]> <b>ya</b> & rápido — ¿mañana? 🚗`);
    expect(read.comments).toContain(`[2026-03-02 9:00 AM] Cliente <José>: ${hostile}`);
  });

  it("removes the characters XML 1.0 forbids and keeps tab and line ends", () => {
    // The surrogates are lone (a low one, then a high one not followed by a low one).
    const forbidden = "\u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uDFFF\uD800";
    const xml = writeAdf(
      lead({
        customer: { name: `Da${forbidden}na`, phone: "+15125550123" },
        summary: `line one\r\nline\ttwo${forbidden}\rline three`,
        transcript: [{ at: new Date("2026-03-02T15:00:00Z"), who: "Customer", body: `ok${forbidden} 👍` }],
      }),
      { timezone: TZ },
    );
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    const read = readOne(xml);
    expect(read.customer.name).toBe("Dana");
    expect(read.comments).toContain("line one\nline\ttwo\nline three");
    expect(read.comments).toContain("Customer: ok 👍");
  });
});

describe("writeAdf: size", () => {
  it("keeps a 500-message conversation under 16 KB, newest lines first, saying how many were left out", () => {
    const transcript = messages(500);
    const xml = writeAdf(lead({ transcript }), { timezone: TZ });
    expect(bytes(xml)).toBeLessThanOrEqual(ADF_OUT_MAX_BYTES);
    expect(bytes(xml)).toBeGreaterThan(ADF_OUT_MAX_BYTES - 200); // the room is used, not wasted
    readOne(xml);

    const lines = fullComments(xml).split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "Texted the dealership by SMS. Department: sales.",
      "Wants a 2025 Tacoma TRD Off-Road, asked about a test drive.",
      "Customer's timing: Saturday morning",
      "Conversation so far:",
    ]);
    const note = /^\((\d+) earlier messages left out\)$/.exec(lines[4]!);
    expect(note).not.toBeNull();
    const kept = lines.slice(5);
    expect(Number(note![1]) + kept.length).toBe(500);
    expect(kept.length).toBeGreaterThan(50);
    // The newest survive, in order, contiguous up to the last one.
    const numbers = kept.map((line) => Number(/message number (\d+) /.exec(line)?.[1]));
    expect(numbers).toEqual(Array.from({ length: kept.length }, (_, i) => 500 - kept.length + i));
    expect(kept.at(-1)).toContain("AI: message number 499 about the Tacoma, price and trade & financing <details>");
  });

  it("cuts a single huge message with an ellipsis and keeps every line within a mail line", () => {
    const huge = "é&<".repeat(5_000);
    const xml = writeAdf(
      lead({ transcript: [...messages(2), { at: new Date("2026-03-02T15:00:00Z"), who: "Customer", body: huge }] }),
      { timezone: TZ },
    );
    expect(bytes(xml)).toBeLessThanOrEqual(ADF_OUT_MAX_BYTES);
    for (const line of xml.split("\n")) expect(bytes(line)).toBeLessThanOrEqual(998);
    const lines = fullComments(xml).split("\n");
    expect(lines.at(-1)).toMatch(/^\[2026-03-02 9:00 AM\] Customer: (é&<)+é?&?…$/);
    expect(lines.filter((line) => line.includes("message number"))).toHaveLength(2);
  });

  it("cuts the summary only when it alone is too big, and still says the conversation was left out", () => {
    const summary = "Long summary & more. ".repeat(2_000);
    const xml = writeAdf(lead({ summary, transcript: messages(3) }), { timezone: TZ });
    expect(bytes(xml)).toBeLessThanOrEqual(ADF_OUT_MAX_BYTES);
    const comments = fullComments(xml);
    expect(comments.startsWith("Texted the dealership by SMS. Department: sales.\nLong summary & more.")).toBe(true);
    expect(comments).toMatch(/…\nConversation so far:\n\(3 earlier messages left out\)$/);
    expect(readOne(xml).customer.name).toBe("Dana Reyes");
  });

  it("stays under the cap even with absurdly long names and vehicle fields", () => {
    const long = `"${"<&>".repeat(20_000)}"`;
    const xml = writeAdf(
      lead({
        customer: { name: long, phone: long, email: long },
        vehicle: { make: long, model: long, trim: long, stock: long, vin: long },
        tradeIn: { make: long, model: long, mileage: 1e12 },
        vendor: { id: long, name: long },
        summary: long,
        timing: long,
        transcript: messages(100),
      }),
      { timezone: TZ },
    );
    expect(bytes(xml)).toBeLessThanOrEqual(ADF_OUT_MAX_BYTES);
    const read = readOne(xml);
    expect(read.customer.name?.endsWith("…")).toBe(true);
    expect(read.comments).toMatch(/^Texted the dealership by SMS\. Department: sales\.\n"<&>/);
  });
});

describe("writeAdf: what the reader makes of it", () => {
  it("reads a trade-in written without a vehicle of interest as the lead's vehicle, marked trade-in", () => {
    // The reader takes the first vehicle as the wanted one when none is for buying.
    const read = readOne(writeAdf(lead({ vehicle: undefined }), { timezone: TZ }));
    expect(read.vehicle).toMatchObject({ make: "Honda", model: "Civic", interest: "trade-in", condition: "used" });
    expect(read.tradeIn).toBeUndefined();
  });

  it("refuses an unknown time zone rather than write a wrong offset", () => {
    expect(() => writeAdf(lead(), { timezone: "Mars/Olympus_Mons" })).toThrow(RangeError);
  });
});
