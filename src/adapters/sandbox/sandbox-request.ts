import type { Request, Response } from "express";
import type { z } from "zod";
import type { StaffMember } from "../../core/use-cases/staff-action.js";
import { findRep } from "./sandbox-people.js";

/** The page's JSON body, or a 400 saying which field is wrong (and undefined). */
export function readBody<T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined {
  const parsed = req.is("application/json") ? schema.safeParse(req.body) : undefined;
  if (parsed?.success) return parsed.data;
  res.status(400).json({
    error: parsed ? `invalid ${parsed.error.issues[0]?.path.join(".") || "body"}` : "expected application/json",
  });
  return undefined;
}

/** One of the sandbox's reps, or a 400 (and undefined). */
export function readRep(id: string, res: Response): StaffMember | undefined {
  const found = findRep(id);
  if (!found) res.status(400).json({ error: "unknown rep" });
  return found && { id: found.id, name: found.name };
}
