import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { PhoneClass, PhoneNumbers } from "../../../core/ports/phone-numbers.js";

/**
 * Google's numbering-plan metadata (libphonenumber-js, "max" for number types): which country a
 * +1 number is in (the US, Canada or one of the Caribbean plans), and whether it is premium-rate,
 * toll-free or shared-cost. Kept current by its maintainers, unlike a list of area codes here.
 */
export const libphonenumberPhones: PhoneNumbers = {
  classify(e164: string): PhoneClass {
    const parsed = parsePhoneNumberFromString(e164);
    if (!parsed) return { kind: "unknown" };
    const country = parsed.country;
    switch (parsed.getType()) {
      case "PREMIUM_RATE":
        return { country, kind: "premium" };
      case "TOLL_FREE":
        return { country, kind: "toll_free" };
      case "SHARED_COST":
        return { country, kind: "shared_cost" };
      default:
        return { country, kind: country ? "line" : "unknown" };
    }
  },
};
