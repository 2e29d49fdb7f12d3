// A fresh process that measures the text judge alone: what loading its model costs (time and
// memory, against the same process before), and how long one decision takes. Run by judge-part.ts.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const gc = (globalThis as { gc?: () => void }).gc;
const memory = () => {
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.arrayBuffers, rss: m.rss };
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function main(): Promise<void> {
  const corpus = fileURLToPath(new URL("../../src/adapters/judge/ngram/corpus/", import.meta.url));
  const texts = readdirSync(corpus)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) =>
      readFileSync(corpus + f, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );
  // The modules first, so the figures are the model's own, not the code's.
  const { readModelFile } = await import("../../src/adapters/judge/ngram/model-file.js");
  const { NgramJudge } = await import("../../src/adapters/judge/ngram/ngram-judge.js");
  const { DEFAULT_MODEL_PATH } = await import("../../src/adapters/judge/ngram/index.js");
  const { createLocalBrain } = await import("../../src/adapters/brain/local/index.js");
  const { guardBrain } = await import("../../src/core/brain/guardrails.js");
  const { readKnowledgeFile, SAMPLE_KNOWLEDGE } = await import("../../src/cli/read-knowledge-file.js");
  const knowledge = readKnowledgeFile(SAMPLE_KNOWLEDGE);

  const before = memory();
  const started = performance.now();
  const judge = new NgramJudge(readModelFile(DEFAULT_MODEL_PATH));
  const loadMs = performance.now() - started;
  const after = memory();

  // Steady state, as a running Baton sees it: one pass to warm the JIT, and the load's garbage collected.
  for (const t of texts) judge.judge(t);
  gc?.();
  const judgeUs = texts.map((t) => {
    const s = performance.now();
    judge.judge(t);
    return (performance.now() - s) * 1000;
  });
  const brain = guardBrain(createLocalBrain(judge));
  const now = new Date("2025-06-11T15:00:00Z");
  for (const t of texts) await brain.decide({ text: t, history: [], lead: {}, knowledge, now });
  gc?.();
  const decideUs: number[] = [];
  for (const t of texts) {
    const s = performance.now();
    await brain.decide({ text: t, history: [], lead: {}, knowledge, now });
    decideUs.push((performance.now() - s) * 1000);
  }
  judgeUs.sort((a, b) => a - b);
  decideUs.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      texts: texts.length,
      loadMs,
      heapMb: (after.heap - before.heap) / 2 ** 20,
      rssMb: (after.rss - before.rss) / 2 ** 20,
      judgeP50Us: percentile(judgeUs, 0.5),
      judgeP99Us: percentile(judgeUs, 0.99),
      decideP50Us: percentile(decideUs, 0.5),
      decideP99Us: percentile(decideUs, 0.99),
      gc: !!gc,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`judge bench: ${(error as Error).stack}\n`);
  process.exit(1);
});
