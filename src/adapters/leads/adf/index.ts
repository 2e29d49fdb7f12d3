import type { IncomingLead } from "../../../core/leads/lead.js";
import { mapAdfProspect } from "./map-adf-prospect.js";
import { parseAdf } from "./parse-adf.js";

export { AdfRejected } from "./adf-rejected.js";
export { ADF_MAX_BYTES } from "./parse-adf.js";

/** The leads of an ADF 1.0 document (one per <prospect>); throws AdfRejected for a document Baton will not read. */
export function readAdfLeads(xml: string, options: { timezone: string }): IncomingLead[] {
  return parseAdf(xml).map((prospect) => mapAdfProspect(prospect, options));
}
