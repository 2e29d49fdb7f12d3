import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL_PATH, loadNgramJudge } from "../../../src/adapters/judge/ngram/index.js";
import { readModelFile, writeModelFile } from "../../../src/adapters/judge/ngram/model-file.js";
import { NgramJudge } from "../../../src/adapters/judge/ngram/ngram-judge.js";
import { trainJudge } from "../../../src/adapters/judge/ngram/train-judge.js";
import { DEPARTMENTS } from "../../../src/core/ports/brain.js";

const corpus = fileURLToPath(new URL("../../../src/adapters/judge/ngram/corpus", import.meta.url));

describe("the text judge", () => {
  it("the model in the repository is exactly what npm run train makes from the corpus", async () => {
    const { readLabelledTexts } = await import("../../../src/cli/read-labelled-texts.js");
    const out = join(mkdtempSync(join(tmpdir(), "baton-judge-")), "model.json");
    const { execFileSync } = await import("node:child_process");
    execFileSync(process.execPath, ["--import", "tsx", "src/cli/train.ts", "--out", out], { stdio: "pipe" });
    // A corpus edit without `npm run train` would ship a model that no longer matches its data.
    expect(readFileSync(out, "utf8")).toBe(readFileSync(DEFAULT_MODEL_PATH, "utf8"));
    expect(readLabelledTexts(corpus).rows.length).toBeGreaterThan(2000);
  }, 60_000);

  it("round-trips a trained model through its file", () => {
    const rows = [
      { text: "what's your best price on the tacoma", department: "sales" as const, handoff: true, optout: false },
      { text: "is the tacoma still on the lot", department: "sales" as const, handoff: false, optout: false },
      { text: "can I book an oil change friday", department: "service" as const, handoff: false, optout: false },
      { text: "stop texting me", department: "general" as const, handoff: false, optout: true },
    ];
    const model = trainJudge(rows, { epochs: 5, rate: 0.4, l2: 1e-6, seed: 1 });
    const path = join(mkdtempSync(join(tmpdir(), "baton-judge-")), "m.json");
    writeModelFile(path, model, { corpus: { rows: rows.length, sha256: "test" } });
    const before = new NgramJudge(model).judge("best price tacoma?");
    const after = new NgramJudge(readModelFile(path)).judge("best price tacoma?");
    expect(after.needsPerson).toBeCloseTo(before.needsPerson, 6);
    expect(after.departments.sales).toBeCloseTo(before.departments.sales, 6);
  });

  it("refuses a damaged model file with the fix in the message", () => {
    const path = join(mkdtempSync(join(tmpdir(), "baton-judge-")), "bad.json");
    writeFileSync(path, '{"format":"something-else"}');
    expect(() => readModelFile(path)).toThrow(/npm run train/);
    expect(() => readModelFile(join(path, "missing.json"))).toThrow(/could not be read.*npm run train/);
  });

  it("gives a probability for every department and two for the rest", () => {
    const j = loadNgramJudge().judge("hola, cuánto es el enganche para la RAV4?");
    expect(Object.keys(j.departments).sort()).toEqual([...DEPARTMENTS].sort());
    expect(Object.values(j.departments).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    for (const p of [j.needsPerson, j.revokes]) (expect(p).toBeGreaterThanOrEqual(0), expect(p).toBeLessThanOrEqual(1));
  });

  // Texts written for this test, in none of the corpus files.
  it("reads money, anger and revocations it was never shown, in English and Spanish", () => {
    const judge = loadNgramJudge();
    const person = [
      "what kind of numbers are we talking on that blue highlander",
      "second time my car came back with the same rattle, really impressive work",
      "cuánto tendría que dar de enganche para la tundra",
    ];
    for (const text of person) expect(judge.judge(text).needsPerson, text).toBeGreaterThan(0.5);
    const revokes = ["please quit sending me stuff to this phone", "ya no quiero que me manden mensajes a este número"];
    for (const text of revokes) expect(judge.judge(text).revokes, text).toBeGreaterThan(0.5);
    const calm = [
      "what time does service open on saturday",
      "can I bring my civic in for an oil change tuesday morning",
    ];
    for (const text of calm) expect(judge.judge(text).needsPerson, text).toBeLessThan(0.5);
    expect(judge.judge("can I stop by around 4 to see the truck").revokes).toBeLessThan(0.5);
  });
});
