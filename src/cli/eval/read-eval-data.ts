import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEPARTMENTS } from "../../core/ports/brain.js";

export const TriageRowSchema = z.object({
  text: z.string(),
  department: z.enum(DEPARTMENTS),
  handoff: z.boolean(),
  optout: z.boolean(),
  source: z.string().optional(),
});
export const OptOutRowSchema = z.object({ text: z.string(), optout: z.boolean(), source: z.string().optional() });
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

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line)
    .map(([line, n]) => {
      const parsed = schema.safeParse(JSON.parse(line));
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
