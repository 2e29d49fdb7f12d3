/** Why an ADF document was refused; each code maps to one HTTP status. */
export type AdfRejectionCode = "too_large" | "forbidden_markup" | "malformed" | "not_adf" | "too_many_prospects";

export const ADF_REJECTION_STATUS: Record<AdfRejectionCode, number> = {
  too_large: 413,
  forbidden_markup: 400,
  malformed: 400,
  not_adf: 422,
  too_many_prospects: 413,
};

/** A document Baton will not read, with a reason the lead provider can act on. */
export class AdfRejected extends Error {
  constructor(
    readonly code: AdfRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = "AdfRejected";
  }
}
