import { maskPhonesIn } from "../../../core/compliance/mask-phone.js";

/** An SDK error as one log line can carry it: what and where, without the SDK's baggage. */
export interface TeamsErrorFields {
  type: string;
  message: string;
  code?: string;
  statusCode?: number;
  /** One stack frame, Baton's own if there is one: where to start reading. */
  at?: string;
}

/**
 * botbuilder's errors carry what must not reach a log: a connector error's `details` is the
 * service's answer (a card's text, a customer's number), and the message of some repeats a header.
 * This keeps the type, the first line of the message with phone numbers and tokens masked, the
 * codes, and one stack frame, so the line stays one line.
 */
export function describeTeamsError(error: unknown): TeamsErrorFields {
  const e = (typeof error === "object" && error !== null ? error : { message: String(error) }) as Record<
    string,
    unknown
  >;
  const message = String(e.message ?? "").split("\n")[0] ?? "";
  const frames =
    typeof e.stack === "string"
      ? e.stack
          .split("\n")
          .slice(1)
          .map((line) => line.trim().replace(/^at /, ""))
      : [];
  return {
    type: typeof e.name === "string" && e.name !== "Error" ? e.name : ((error as object)?.constructor?.name ?? "Error"),
    message: maskPhonesIn(withoutTokens(message)).slice(0, 300),
    ...(typeof e.code === "string" ? { code: e.code } : {}),
    ...(typeof e.statusCode === "number" ? { statusCode: e.statusCode } : {}),
    ...atOf(frames),
  };
}

/** The first frame in Baton's own files, else the first in any file (the SDK's), else none. */
function atOf(frames: string[]): { at?: string } {
  const inAFile = frames.filter((frame) => frame.includes("/") && !frame.includes("node:internal"));
  const at = inAFile.find((frame) => !frame.includes("node_modules")) ?? inAFile[0];
  return at ? { at } : {};
}

/** Bearer credentials and JWTs (eyJ….….…) as they could appear in an SDK's message. */
function withoutTokens(text: string): string {
  return text.replace(/Bearer\s+\S+/gi, "Bearer [redacted]").replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, "[token]");
}
