import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** The text judge's cost: model load and memory in a fresh process, and one decision's time. */
export interface JudgeRow {
  texts: number;
  loadMs: number;
  heapMb: number;
  rssMb: number;
  judgeP50Us: number;
  judgeP99Us: number;
  /** A whole local-brain decision (rules, judge, reply, guardrails), the judge included. */
  decideP50Us: number;
  decideP99Us: number;
}

export async function runJudge(log: (line: string) => void): Promise<JudgeRow> {
  const file = fileURLToPath(new URL("./judge-child.ts", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", file], {
    maxBuffer: 1 << 20,
  });
  const row = JSON.parse(stdout.trim().split("\n").at(-1)!) as JudgeRow;
  log(
    `  judge: model loaded in ${row.loadMs.toFixed(0)} ms, +${row.heapMb.toFixed(1)} MB heap, one judgment p99 ${row.judgeP99Us.toFixed(0)} µs, one decision p99 ${(row.decideP99Us / 1000).toFixed(2)} ms`,
  );
  return row;
}
