/**
 * Every error Baton raises on purpose has one of these codes. Each code is answered with one
 * HTTP status and logged at one level, here and nowhere else: a route throws the code, the one
 * error handler answers it. The code is also the `error` field a lead provider reads.
 * `tellSender`: a 5xx whose message says what to configure is shown; any other 5xx is not.
 */
export const ERROR_CODES = {
  // A request Baton will not take (the sender's to fix).
  bad_request: { httpStatus: 400, logLevel: "warn" },
  malformed: { httpStatus: 400, logLevel: "warn" },
  invalid_form: { httpStatus: 400, logLevel: "warn" },
  forbidden_markup: { httpStatus: 400, logLevel: "warn" },
  unauthorized: { httpStatus: 401, logLevel: "warn" },
  /** A request to a public chat endpoint without even the signature's headers: scanners, mostly, so not worth a warning each. */
  unsigned_request: { httpStatus: 401, logLevel: "debug" },
  bad_signature: { httpStatus: 403, logLevel: "warn" },
  unknown_number: { httpStatus: 404, logLevel: "warn" },
  length_required: { httpStatus: 411, logLevel: "warn" },
  too_large: { httpStatus: 413, logLevel: "warn" },
  too_many_prospects: { httpStatus: 413, logLevel: "warn" },
  unsupported_type: { httpStatus: 415, logLevel: "warn" },
  unsupported_charset: { httpStatus: 415, logLevel: "warn" },
  not_adf: { httpStatus: 422, logLevel: "warn" },
  no_contact: { httpStatus: 422, logLevel: "warn" },
  invalid_phone: { httpStatus: 422, logLevel: "warn" },
  invalid_lead: { httpStatus: 422, logLevel: "warn" },
  rate_limited: { httpStatus: 429, logLevel: "warn" },
  // Something this Baton is not set up for (the installer's to fix).
  not_configured: { httpStatus: 503, logLevel: "warn", tellSender: true },
  leads_off: { httpStatus: 503, logLevel: "warn", tellSender: true },
  config_invalid: { httpStatus: 500, logLevel: "error" },
  database_url_invalid: { httpStatus: 500, logLevel: "error" },
  app_package_invalid: { httpStatus: 500, logLevel: "error" },
  // A service Baton depends on failed (retried or answered around where it can be).
  database_unreachable: { httpStatus: 503, logLevel: "error" },
  model_failed: { httpStatus: 502, logLevel: "warn" },
  sms_send_failed: { httpStatus: 502, logLevel: "warn" },
  crm_unavailable: { httpStatus: 502, logLevel: "warn" },
  crm_rejected: { httpStatus: 502, logLevel: "error" },
  // Baton's own fault.
  internal: { httpStatus: 500, logLevel: "error" },
} as const satisfies Record<string, { httpStatus: number; logLevel: LogLevel; tellSender?: true }>;

type LogLevel = "debug" | "warn" | "error";

export type BatonErrorCode = keyof typeof ERROR_CODES;

/**
 * Baton's one error type. Subclasses add what their callers branch on (a model failure's
 * cause, a send failure's retry hints); the code alone decides how it is answered and logged.
 */
export class BatonError extends Error {
  /** What the log line gets besides the message: the field at fault, a masked number, a hint for the operator. Never sent. */
  readonly logFields: Record<string, unknown>;

  constructor(
    readonly code: BatonErrorCode,
    message: string,
    options: { cause?: unknown; log?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.logFields = options.log ?? {};
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].httpStatus;
  }

  get logLevel(): LogLevel {
    return ERROR_CODES[this.code].logLevel;
  }
}
