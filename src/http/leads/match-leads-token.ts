import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";

export interface LeadsTokenEntry {
  rooftopId: string;
  token: string;
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** The token a request carries: `Authorization: Bearer <token>`, else `?token=<token>` (for providers that only take a URL). */
export function tokenOf(req: Request): string | undefined {
  const header = req.header("authorization");
  const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (bearer) return bearer;
  const query = req.query.token;
  return typeof query === "string" && query !== "" ? query : undefined;
}

/**
 * The rooftop whose leads token this is. Compared in constant time against every rooftop's token
 * (hashes of equal length, no early exit), so timing tells nothing about a token or which matched.
 */
export function matchLeadsToken(given: string | undefined, entries: readonly LeadsTokenEntry[]): string | undefined {
  const presented = digest(given ?? "");
  let match: string | undefined;
  for (const entry of entries) {
    const equal = timingSafeEqual(presented, digest(entry.token));
    if (equal && given !== undefined && match === undefined) match = entry.rooftopId;
  }
  return match;
}
