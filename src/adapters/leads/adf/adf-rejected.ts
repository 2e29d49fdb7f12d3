import { BatonError } from "../../../core/errors/baton-error.js";

/** Why an ADF document was refused; each is a Baton error code with its own HTTP status. */
export type AdfRejectionCode = "too_large" | "forbidden_markup" | "malformed" | "not_adf" | "too_many_prospects";

/** A document Baton will not read, with a reason the lead provider can act on. */
export class AdfRejected extends BatonError {
  constructor(
    override readonly code: AdfRejectionCode,
    message: string,
  ) {
    super(code, message);
  }
}
