import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createLocalBrain } from "../../../src/adapters/brain/local/index.js";
import { formatReport } from "../../../src/cli/eval/format-report.js";
import { readEvalFiles } from "../../../src/cli/eval/read-eval-data.js";
import { runEval } from "../../../src/cli/eval/run-eval.js";
import { findMissedTargets } from "../../../src/cli/eval/targets.js";
import { readKnowledgeFile, SAMPLE_KNOWLEDGE } from "../../../src/cli/read-knowledge-file.js";
import { guardBrain } from "../../../src/core/brain/guardrails.js";

const mixed = fileURLToPath(new URL("../../fixtures/eval/mixed.jsonl", import.meta.url));

describe("npm run eval on any labelled file", () => {
  it("files each line by its fields and scores it per source and per language", async () => {
    const data = readEvalFiles([mixed]);
    expect([data.triage.length, data.optout.length, data.adversarial.length]).toEqual([4, 3, 1]);
    const report = await runEval(guardBrain(createLocalBrain()), readKnowledgeFile(SAMPLE_KNOWLEDGE), data);
    expect(report.bySource.map((g) => [g.group, g.rows])).toEqual([
      ["written-for-tests", 4],
      ["keywords-for-tests", 3],
    ]);
    const spanish = report.byLanguage.find((g) => g.group === "es")!;
    expect(spanish).toMatchObject({ rows: 3, mustHandoffRecall: 1, falseHandoffRate: 0, optoutRecall: 1 });
    expect(report.byLanguage.map((g) => g.group)).toContain("en (detected)"); // unlabelled rows say how they were filed
    const text = formatReport("local", report, false, findMissedTargets(report));
    expect(text).toMatch(/By source[\s\S]*written-for-tests\s+4/);
    expect(text).toMatch(/By language[\s\S]*\bes\s+3/);
  });

  it("says which line of which file is wrong", () => {
    const bad = join(mkdtempSync(join(tmpdir(), "baton-eval-")), "bad.jsonl");
    writeFileSync(
      bad,
      '{"text": "hi", "department": "sales", "handoff": true, "optout": false}\n{"text": "oops", "department": "boats", "handoff": false, "optout": false}\n',
    );
    expect(() => readEvalFiles([bad])).toThrow(/bad\.jsonl line 2: department/);
    writeFileSync(bad, "{not json\n");
    expect(() => readEvalFiles([bad])).toThrow(/line 1: not valid JSON/);
  });

  it("runs from the command line with a file and exits 0 when every target holds", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/eval.ts", mixed], {
      env: { ...process.env, OPENAI_API_KEY: "" },
    });
    expect(stdout).toContain("4 triage rows, 3 opt-out rows, 1 adversarial rows");
    expect(stdout).toContain("All targets met.");
  }, 60_000);
});
