import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { LANGUAGES } from "../../core/language/detect-language.js";
import { DEPARTMENTS } from "../../core/ports/brain.js";

export const TriageRowSchema = z.object({
  text: z.string(),
  department: z.enum(DEPARTMENTS),
  handoff: z.boolean(),
  optout: z.boolean(),
  /** "en" or "es"; absent, the report files the row under "unlabelled". */
  language: z.enum(LANGUAGES).optional(),
  source: z.string().optional(),
});
export const OptOutRowSchema = z.object({
  text: z.string(),
  optout: z.boolean(),
  language: z.enum(LANGUAGES).optional(),
  source: z.string().optional(),
});
export const AdversarialRowSchema = z.object({ text: z.string(), attack: z.string(), source: z.string().optional() });

export type TriageRow = z.infer<typeof TriageRowSchema>;
export type OptOutRow = z.infer<typeof OptOutRowSchema>;
export type AdversarialRow = z.infer<typeof AdversarialRowSchema>;

export interface EvalData {
  triage: TriageRow[];
  optout: OptOutRow[];
  adversarial: AdversarialRow[];
}

export const EVAL_FILES = ["triage.jsonl", "optout.jsonl", "adversarial.jsonl"] as const;

export function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line)
    .map(([line, n]) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${path} line ${n}: not valid JSON`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new Error(`${path} line ${n}: ${parsed.error.issues[0]!.message}`);
      return parsed.data;
    });
}

/** The directory's missing files, if any: the caller explains and stops. */
export function findMissingEvalFiles(dir: string): string[] {
  return EVAL_FILES.filter((f) => !existsSync(join(dir, f)));
}

export function readEvalData(dir: string): EvalData {
  return {
    triage: readJsonl(join(dir, "triage.jsonl"), TriageRowSchema),
    optout: readJsonl(join(dir, "optout.jsonl"), OptOutRowSchema),
    adversarial: readJsonl(join(dir, "adversarial.jsonl"), AdversarialRowSchema),
  };
}

/**
 * Any labelled files in the shared format, each line filed by its fields: `attack` makes it
 * adversarial, `department` a triage row, `optout` alone an opt-out row.
 */
export function readEvalFiles(paths: string[]): EvalData {
  const data: EvalData = { triage: [], optout: [], adversarial: [] };
  for (const path of paths) {
    if (!existsSync(path)) throw new Error(`${path}: no such file`);
    readJsonl(path, z.record(z.string(), z.unknown())).forEach((row, i) => {
      const where = `${path} line ${i + 1}`;
      const pick = <T>(schema: z.ZodType<T>): T => {
        const parsed = schema.safeParse(row);
        if (!parsed.success)
          throw new Error(`${where}: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`);
        return parsed.data;
      };
      if ("attack" in row) data.adversarial.push(pick(AdversarialRowSchema));
      else if ("department" in row || "handoff" in row) data.triage.push(pick(TriageRowSchema));
      else data.optout.push(pick(OptOutRowSchema));
    });
  }
  return data;
}
