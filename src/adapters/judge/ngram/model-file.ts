import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { DEPARTMENTS } from "../../../core/ports/brain.js";
import { emptyHead, FEATURES, type Head } from "./linear-model.js";
import { FEATURE_BITS } from "./features.js";

/** The three heads a judge is made of. */
export interface JudgeModel {
  department: Head;
  needsPerson: Head;
  revokes: Head;
}

/**
 * On disk only the features the corpus ever produced are kept (indices plus one float32 per
 * class), base64-packed: a few MB of JSON instead of the full 2^18 table per head.
 */
const PackedHead = z.object({ classes: z.number().int().min(1), indices: z.string(), weights: z.string() });
const ModelFile = z.object({
  format: z.literal("baton-ngram-judge/1"),
  featureBits: z.literal(FEATURE_BITS),
  departments: z.array(z.enum(DEPARTMENTS)).length(DEPARTMENTS.length),
  /** What it was trained on, so a reader can tell which corpus made it. */
  corpus: z.object({ rows: z.number().int(), sha256: z.string() }),
  heads: z.object({ department: PackedHead, needsPerson: PackedHead, revokes: PackedHead }),
});
export type ModelFileHeader = Pick<z.infer<typeof ModelFile>, "corpus">;

function pack(head: Head): z.infer<typeof PackedHead> {
  const used: number[] = [];
  for (let i = 0; i < FEATURES; i++) {
    for (let c = 0; c < head.classes; c++) {
      if (head.weights[c * FEATURES + i] !== 0) {
        used.push(i);
        break;
      }
    }
  }
  const weights = new Float32Array(used.length * head.classes);
  used.forEach((i, k) => {
    for (let c = 0; c < head.classes; c++) weights[k * head.classes + c] = head.weights[c * FEATURES + i]!;
  });
  return {
    classes: head.classes,
    indices: Buffer.from(Uint32Array.from(used).buffer).toString("base64"),
    weights: Buffer.from(weights.buffer).toString("base64"),
  };
}

function unpack(packed: z.infer<typeof PackedHead>): Head {
  const indicesBytes = Buffer.from(packed.indices, "base64");
  const weightBytes = Buffer.from(packed.weights, "base64");
  const indices = new Uint32Array(
    indicesBytes.buffer.slice(indicesBytes.byteOffset, indicesBytes.byteOffset + indicesBytes.byteLength),
  );
  const weights = new Float32Array(
    weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength),
  );
  if (weights.length !== indices.length * packed.classes)
    throw new Error("model file: weights do not match the feature list");
  const head = emptyHead(packed.classes);
  indices.forEach((i, k) => {
    if (i >= FEATURES) throw new Error(`model file: feature ${i} out of range`);
    for (let c = 0; c < packed.classes; c++) head.weights[c * FEATURES + i] = weights[k * packed.classes + c]!;
  });
  return head;
}

export function writeModelFile(path: string, model: JudgeModel, header: ModelFileHeader): void {
  const file: z.infer<typeof ModelFile> = {
    format: "baton-ngram-judge/1",
    featureBits: FEATURE_BITS,
    departments: [...DEPARTMENTS],
    corpus: header.corpus,
    heads: { department: pack(model.department), needsPerson: pack(model.needsPerson), revokes: pack(model.revokes) },
  };
  writeFileSync(path, `${JSON.stringify(file, null, 1)}\n`);
}

export function readModelFile(path: string): JudgeModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `The text judge's model file ${path} could not be read (${(error as Error).message}). Run npm run train to rebuild it.`,
    );
  }
  const parsed = ModelFile.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `The text judge's model file ${path} is not a baton-ngram-judge/1 model: ${parsed.error.issues[0]!.message}. Run npm run train.`,
    );
  const { heads } = parsed.data;
  return {
    department: unpack(heads.department),
    needsPerson: unpack(heads.needsPerson),
    revokes: unpack(heads.revokes),
  };
}
