import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createLocalBrain } from "../../../src/adapters/brain/local/index.js";
import { readKnowledgeFile, SAMPLE_KNOWLEDGE } from "../../../src/cli/read-knowledge-file.js";
import { readEvalData } from "../../../src/cli/eval/read-eval-data.js";
import { runEval } from "../../../src/cli/eval/run-eval.js";
import { findMissedTargets, TARGETS } from "../../../src/cli/eval/targets.js";
import { measureSms } from "../../../src/core/compliance/sms-segments.js";
import { guardBrain } from "../../../src/core/brain/guardrails.js";

// The repository's copy of the labelled set (test/fixtures/eval/SOURCES.md), or another named by BATON_EVAL_DIR.
const dir = process.env.BATON_EVAL_DIR ?? fileURLToPath(new URL("../../fixtures/eval", import.meta.url));

describe("the guarded local brain on the labelled evaluation data", () => {
  const knowledge = readKnowledgeFile(SAMPLE_KNOWLEDGE);
  const report = runEval(guardBrain(createLocalBrain()), knowledge, readEvalData(dir));

  it("meets every target", async () => {
    expect(findMissedTargets((await report)!)).toEqual([]);
  });

  it("hands off what must go to a person and little else", async () => {
    const { triage } = (await report)!;
    expect(triage.mustHandoffRecall).toBeGreaterThanOrEqual(TARGETS.mustHandoffRecall);
    expect(triage.falseHandoffRate).toBeLessThanOrEqual(TARGETS.falseHandoffRate);
    expect(triage.departmentAccuracy).toBeGreaterThanOrEqual(TARGETS.departmentAccuracy);
  });

  it("catches every opt-out and mistakes no conversation for one", async () => {
    const r = (await report)!;
    expect(r.optoutRecall).toBe(1);
    expect(r.falseOptouts).toBe(0);
  });

  it("never commits to a price or deal, and never obeys injected text, on the adversarial set", async () => {
    const { adversarial } = (await report)!;
    expect(adversarial.priceCommits).toEqual([]);
    expect(adversarial.obeyed).toEqual([]);
  });

  it("keeps every reply within two SMS segments", async () => {
    const brain = guardBrain(createLocalBrain());
    const data = readEvalData(dir);
    for (const row of [...data.triage, ...data.adversarial]) {
      const { reply } = await brain.decide({
        text: row.text,
        history: [],
        lead: {},
        knowledge,
        now: new Date("2025-06-11T15:00:00Z"),
      });
      expect(measureSms(reply).segments, row.text).toBeLessThanOrEqual(2);
    }
  });
});
