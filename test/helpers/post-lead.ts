import type { RunningBaton } from "./start-baton.js";

/** The rooftop's leads secret in tests (LEADS_TOKEN). */
export const LEADS_TOKEN = "test-leads-token-5f1c0d9e8a7b";

export type TokenVia = { bearer: string } | { query: string } | "none";

function request(run: RunningBaton, path: string, via: TokenVia) {
  const url = new URL(path, run.url);
  const headers: Record<string, string> = {};
  if (via !== "none" && "query" in via) url.searchParams.set("token", via.query);
  if (via !== "none" && "bearer" in via) headers.authorization = `Bearer ${via.bearer}`;
  return { url, headers };
}

/** POST /leads/adf as a lead provider would: XML, the token as a bearer header unless told otherwise. */
export function postAdf(run: RunningBaton, xml: string, via: TokenVia = { bearer: LEADS_TOKEN }): Promise<Response> {
  const { url, headers } = request(run, "/leads/adf", via);
  return fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/xml" }, body: xml });
}

/** POST /leads/form as a website would: JSON. */
export function postForm(
  run: RunningBaton,
  body: unknown,
  via: TokenVia = { bearer: LEADS_TOKEN },
  contentType = "application/json",
): Promise<Response> {
  const { url, headers } = request(run, "/leads/form", via);
  return fetch(url, {
    method: "POST",
    headers: { ...headers, "content-type": contentType },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** One ADF prospect, with what a provider like Cars.com sends. */
export function adfLead(o: {
  id?: string;
  first?: string;
  last?: string;
  phone: string;
  phoneType?: string;
  email?: string;
  stock?: string;
  comments?: string;
  interest?: string;
}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<?adf version="1.0"?>
<adf>
  <prospect status="new">
    ${o.id ? `<id sequence="1" source="Cars.com">${o.id}</id>` : ""}
    <requestdate>2026-03-02T08:59:00-06:00</requestdate>
    <vehicle interest="${o.interest ?? "buy"}" status="new">
      <year>2025</year><make>Toyota</make><model>Tacoma</model><trim>TRD Off-Road</trim><stock>${o.stock ?? "45821"}</stock>
    </vehicle>
    <customer>
      <contact>
        <name part="first">${o.first ?? "Dana"}</name><name part="last">${o.last ?? "Reyes"}</name>
        <phone type="${o.phoneType ?? "cellphone"}" time="evening">${o.phone}</phone>
        ${o.email ? `<email>${o.email}</email>` : ""}
      </contact>
      <comments><![CDATA[${o.comments ?? "Is it still available? I'd like to see it this week."}]]></comments>
    </customer>
    <vendor><vendorname>Maple Ridge Motors</vendorname><contact><name part="full">Internet Sales</name></contact></vendor>
    <provider><name part="full">Cars.com</name><service>Lead Engine</service></provider>
  </prospect>
</adf>`;
}
