import { describe, expect, it } from "vitest";
import type { InboundRow } from "./inbound-part.js";
import { checkTargets, toJson, type BenchResults } from "./report.js";
import { summarize } from "./stats.js";

function row(target: InboundRow["target"], rps: number, repliesPerSecond: number, p99: number): InboundRow {
  const latency = summarize([p99 / 2, p99]);
  return {
    target,
    concurrency: 32,
    recorded: 100,
    sent: 110,
    rps,
    windowMs: 2000,
    latency,
    errors: 0,
    errorKinds: {},
    replies: latency,
    repliesPerSecond,
    missingReplies: 0,
    drainMs: 0,
    drained: true,
    worldCpuPct: 10,
    serverCpuPct: 100,
    serverRssMb: 200,
  };
}

const results = (inbound: InboundRow[], floor: InboundRow[]): BenchResults => ({
  meta: {},
  inbound,
  floor,
  claims: [],
  scheduler: [],
});

describe("bench report: throughput is what Baton kept up with, not what it acknowledged", () => {
  it("counts the replies rate when acknowledgements outrun the answers", () => {
    const run = results([row("postgres", 1000, 130, 40)], [row("floor", 5000, 0, 10)]);
    const target = (name: string) => checkTargets(run).find((t) => t.name.startsWith(name))!;
    expect(target("postgres ÷ floor throughput")).toMatchObject({ value: "0.03", met: false });
    expect(target("postgres: p99 webhook answer at 32")).toMatchObject({ value: "40 ms", met: true });
    const [json] = toJson(run).inbound as Record<string, unknown>[];
    expect(json).toMatchObject({ rps: 1000, replies_per_s: 130, sustained_rps: 130, rps_vs_floor: 0.03 });
  });

  it("counts the webhook rate when replies keep up", () => {
    const run = results([row("pglite", 210, 240, 40)], []);
    const [json] = toJson(run).inbound as Record<string, unknown>[];
    expect(json).toMatchObject({ sustained_rps: 210 });
  });

  it("takes the answering capacity from the best drain, and says when no step drained a backlog", () => {
    const drained = (drainRepliesPerSecond: number) => ({ ...row("pglite", 300, 100, 40), drainRepliesPerSecond });
    const capacity = (run: BenchResults) => checkTargets(run).find((t) => t.name.startsWith("pglite: answering"));
    expect(capacity(results([drained(150), drained(230)], []))).toMatchObject({ value: "230/s", met: true });
    expect(capacity(results([row("pglite", 300, 300, 40)], []))).toMatchObject({ value: "not measured", met: null });
  });
});
