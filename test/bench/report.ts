// The table a person reads and the JSON a later run is compared with.
import type { ClaimResult } from "./claim-part.js";
import type { FootprintRow } from "./footprint-part.js";
import type { InboundRow, MemoryRow, SteadyRow } from "./inbound-part.js";
import type { JudgeRow } from "./judge-part.js";
import type { SchedulerRow } from "./scheduler-part.js";
import { round } from "./stats.js";

export interface BenchResults {
  meta: Record<string, unknown>;
  inbound: InboundRow[];
  floor: InboundRow[];
  /** Open loop: texts at a fixed rate. Optional: older result files have none. */
  steady?: SteadyRow[];
  claims: ClaimResult[];
  scheduler: SchedulerRow[];
  /** The text judge's load, memory and decision time. Optional: older result files have none. */
  judge?: JudgeRow;
  /** Baton's RSS at rest and at the most under the inbound load, per store (under tsx, Slack and Twilio on). */
  memory?: MemoryRow[];
  /** `node dist/main.js` at rest with only a database configured. */
  footprint?: FootprintRow[];
}

const DUE = 100;

/** Fixed-width columns: the first left-aligned, the rest right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (typeof c === "number" ? fmt(c) : c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
  return cells
    .map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join("  "))
    .join("\n");
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return "–";
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/**
 * Texts per second Baton kept up with: webhooks answered and replies sent, the lower of the two.
 * Webhooks alone would flatter it: a text is stored and acknowledged before it is answered, so
 * under overload the acknowledgements outrun the replies and a backlog builds up.
 */
function sustainedRps(r: InboundRow): number {
  return r.target === "floor" ? r.rps : Math.min(r.rps, r.repliesPerSecond);
}

function floorAt(results: BenchResults, concurrency: number): InboundRow | undefined {
  return results.floor.find((f) => f.concurrency === concurrency);
}

interface Target {
  name: string;
  goal: string;
  value: string;
  met: boolean | null;
}

/** The targets, each with the measured value; null where this run did not measure it. */
export function checkTargets(results: BenchResults): Target[] {
  const targets: Target[] = [];
  const at = (store: string, c: number) => results.inbound.find((r) => r.target === store && r.concurrency === c);
  const add = (name: string, goal: string, value: number | undefined, ok: (v: number) => boolean, unit = "") =>
    targets.push({
      name,
      goal,
      value: value === undefined ? "not measured" : `${fmt(value)}${unit}`,
      met: value === undefined ? null : ok(value),
    });
  const steadyAt = (store: string, rate: number) =>
    results.steady?.find((r) => r.target === store && r.ratePerSecond === rate);
  for (const [store, minRps, rate] of [
    ["postgres", 1000, 100],
    ["pglite", 200, 50],
  ] as const) {
    const rows = results.inbound.filter((r) => r.target === store);
    const drains = rows.flatMap((r) => (r.drainRepliesPerSecond === undefined ? [] : [r.drainRepliesPerSecond]));
    add(
      `${store}: answering capacity (drain/s, best step)`,
      `≥ ${minRps}`,
      drains.length ? Math.max(...drains) : undefined,
      (v) => v >= minRps,
      "/s",
    );
    const steady = steadyAt(store, rate);
    add(`${store}: p99 webhook answer, ${rate} texts/s arriving`, "< 50 ms", steady?.latency.p99, (v) => v < 50, " ms");
    add(
      `${store}: p99 inbound → reply SMS, ${rate} texts/s arriving`,
      "< 100 ms",
      steady?.replies.p99,
      (v) => v < 100,
      " ms",
    );
    const row = at(store, 32);
    add(`${store}: p99 webhook answer at 32 in flight`, "< 50 ms", row?.latency.p99, (v) => v < 50, " ms");
    add(`${store}: p99 inbound → reply SMS at 32 in flight`, "< 100 ms", row?.replies.p99, (v) => v < 100, " ms");
    const steadyRows = (results.steady ?? []).filter((r) => r.target === store);
    add(
      `${store}: errors + unanswered, all steps`,
      "0",
      rows.length || steadyRows.length
        ? [...rows, ...steadyRows].reduce((n, r) => n + r.errors + r.missingReplies, 0)
        : undefined,
      (v) => v === 0,
    );
    const memory = results.memory?.find((m) => m.target === store);
    add(`${store}: peak RSS under the bench`, "< 350 MB", memory?.peakRssMb, (v) => v < 350, " MB");
  }
  const embedded = results.footprint?.find((f) => f.store === "pglite");
  add("embedded default (PGlite): idle RSS, node dist/main.js", "< 200 MB", embedded?.idleRssMb, (v) => v < 200, " MB");
  const pg32 = at("postgres", 32);
  const floor32 = floorAt(results, 32);
  add(
    "postgres ÷ floor throughput at 32 (sustained)",
    "≥ 0.3",
    pg32 && floor32 ? sustainedRps(pg32) / floor32.rps : undefined,
    (v) => v >= 0.3,
  );
  const claim = results.claims.find((c) => c.store === "postgres") ?? results.claims[0];
  add(
    `claim ack p99, ${claim?.concurrency ?? 100} clicks at once (${claim?.store ?? "-"})`,
    "< 20 ms",
    claim?.ack.p99,
    (v) => v < 20,
    " ms",
  );
  // Not a target: what the framework alone takes for the same burst, so the gap above is Baton's.
  if (claim?.floorAck)
    targets.push({
      name: "  floor: the same clicks, Express + Bolt's signature check",
      goal: "",
      value: `${fmt(claim.floorAck.p99)} ms`,
      met: null,
    });
  add(`card update p99 (${claim?.store ?? "-"})`, "< 100 ms", claim?.update.p99, (v) => v < 100, " ms");
  for (const store of ["postgres", "pglite"]) {
    const rows = results.scheduler.filter((r) => r.store === store);
    if (rows.length === 0) continue;
    const million = rows.find((r) => r.conversations === 1_000_000);
    add(`${store}: scheduler tick, 1,000,000 conversations, 100 due`, "< 50 ms", million?.tickMs, (v) => v < 50, " ms");
    add(
      `${store}: scheduler RSS, every size`,
      "< 300 MB",
      Math.max(...rows.map((r) => r.rssMb)),
      (v) => v < 300,
      " MB",
    );
  }
  const judge = results.judge;
  if (judge) {
    add("text judge: model load at start-up", "< 1000 ms", judge.loadMs, (v) => v < 1000, " ms");
    add("text judge: memory (heap + buffers)", "< 50 MB", judge.heapMb, (v) => v < 50, " MB");
    add("text judge: one judgment p99", "< 5 ms", judge.judgeP99Us / 1000, (v) => v < 5, " ms");
  }
  return targets;
}

export function formatReport(results: BenchResults): string {
  const out: string[] = [];
  const m = results.meta;
  out.push(
    `Baton bench — ${m.date}, ${m.mode} run, ${m.cores} cores (${m.cpu}), Node ${m.node}, local brain`,
    `Load: closed loop, each step ${m.warmup_s} s warm-up + ${m.measure_s} s measured; every webhook is a new customer's first text`,
    `(so the flood guard, 10 texts a minute from one number, never applies); ${m.handoff_share} of texts ask for a person (a card).`,
    "",
  );
  if (results.inbound.length > 0 || results.floor.length > 0) {
    out.push(
      "Inbound webhooks (ms; rps = webhooks answered/s; reply = webhook sent → reply SMS at the fake Twilio; replies/s = replies sent in the window;",
      "sustained = the lower of rps and replies/s; drain/s = replies/s after the load stops, while a backlog is answered: the answering capacity;",
      "÷floor: Baton's sustained rps and p99 over bare Express's at the same concurrency; CPU: share of one core over the step and its drain;",
      "stmts/text: database statements Baton sent per text, counted (one round trip each on a server; BEGIN and COMMIT count))",
    );
    const rows = [...results.floor, ...results.inbound].map((r) => {
      const floor = r.target === "floor" ? undefined : floorAt(results, r.concurrency);
      return [
        r.target,
        r.concurrency,
        r.rps,
        r.latency.p50,
        r.latency.p95,
        r.latency.p99,
        r.target === "floor" ? "" : fmt(r.replies.p50),
        r.target === "floor" ? "" : fmt(r.replies.p99),
        r.target === "floor" ? "" : fmt(r.repliesPerSecond),
        r.target === "floor" ? "" : fmt(sustainedRps(r)),
        r.drainRepliesPerSecond === undefined ? "" : fmt(r.drainRepliesPerSecond),
        r.errors,
        r.target === "floor" ? "" : String(r.missingReplies),
        floor ? (sustainedRps(r) / floor.rps).toFixed(2) : "",
        floor ? (r.latency.p99 / floor.latency.p99).toFixed(1) : "",
        `${r.serverCpuPct.toFixed(0)}%`,
        r.pgCpuPct === undefined ? "" : `${r.pgCpuPct.toFixed(0)}%`,
        `${r.worldCpuPct.toFixed(0)}%`,
        r.machineCpuPct === undefined
          ? ""
          : `${Math.max(0, r.machineCpuPct - r.serverCpuPct - (r.pgCpuPct ?? 0) - r.worldCpuPct).toFixed(0)}%`,
        r.statementsPerText === undefined ? "" : r.statementsPerText.toFixed(1),
      ];
    });
    out.push(
      table(
        [
          "target",
          "in flight",
          "rps",
          "p50",
          "p95",
          "p99",
          "reply p50",
          "reply p99",
          "replies/s",
          "sustained",
          "drain/s",
          "errors",
          "unanswered",
          "÷floor rps",
          "÷floor p99",
          "server CPU",
          "pg CPU",
          "loadgen CPU",
          "others CPU",
          "stmts/text",
        ],
        rows,
      ),
      "",
    );
  }
  if (results.steady?.length) {
    out.push(
      "Texts arriving at a steady rate (open loop, as a carrier delivers them; each a new customer's first text; ms)",
    );
    out.push(
      table(
        [
          "store",
          "texts/s",
          "sent",
          "webhook p50",
          "webhook p99",
          "reply p50",
          "reply p95",
          "reply p99",
          "reply max",
          "errors",
          "unanswered",
          "stmts/text",
        ],
        results.steady.map((r) => [
          r.target,
          r.ratePerSecond,
          r.sent,
          r.latency.p50,
          r.latency.p99,
          r.replies.p50,
          r.replies.p95,
          r.replies.p99,
          r.replies.max,
          r.errors,
          r.missingReplies,
          r.statementsPerText === undefined ? "" : r.statementsPerText.toFixed(1),
        ]),
      ),
      "",
    );
  }
  if (results.memory?.length || results.footprint?.length) {
    out.push(
      "Memory (MB of RSS; bench = Baton under tsx with Slack and Twilio on, at rest before the first text and at the most over the inbound steps;",
      "image = node dist/main.js with only DATABASE_URL and the image's memory settings (Dockerfile ENV), 5 s after /healthz first answered, median of the starts;",
      "plain = the same without them, as `npm start` on a host that sets nothing)",
    );
    const stores = [
      ...new Set([...(results.memory ?? []).map((m) => m.target), ...(results.footprint ?? []).map((f) => f.store)]),
    ];
    out.push(
      table(
        ["store", "image at rest", "plain at rest", "image ready ms", "bench at rest", "bench peak"],
        stores.map((store) => {
          const m = results.memory?.find((r) => r.target === store);
          const f = results.footprint?.find((r) => r.store === store);
          return [
            store,
            f?.idleRssMb ?? NaN,
            f?.plainIdleRssMb ?? NaN,
            f?.startMs ?? NaN,
            m?.idleRssMb ?? NaN,
            m?.peakRssMb ?? NaN,
          ];
        }),
      ),
      "",
    );
  }
  if (results.claims.length > 0) {
    out.push(
      "Slack Claim clicks (all at once, each on its own card; ack = HTTP answer to Slack, update = click sent → chat.update at the fake Slack)",
    );
    out.push(
      table(
        [
          "store",
          "at once",
          "rounds",
          "ack p50",
          "ack p99",
          "ack max",
          "floor ack p50",
          "floor ack p99",
          "update p50",
          "update p99",
          "update max",
          "errors",
        ],
        results.claims.map((c) => [
          c.store,
          c.concurrency,
          c.rounds,
          c.ack.p50,
          c.ack.p99,
          c.ack.max,
          c.floorAck.p50,
          c.floorAck.p99,
          c.update.p50,
          c.update.p99,
          c.update.max,
          c.errors + c.missingUpdates,
        ]),
      ),
      "",
    );
  }
  if (results.scheduler.length > 0) {
    out.push(
      `Scheduler tick (${DUE} due nudges, median of 5 ticks; RSS of the process after the ticks, peak includes seeding)`,
    );
    out.push(
      table(
        ["store", "conversations", "tick ms", "claim query ms", "stmts/nudge", "RSS MB", "peak RSS MB"],
        results.scheduler.map((r) => [
          r.store,
          r.conversations.toLocaleString("en-US"),
          r.tickMs,
          r.claimMs,
          r.statementsPerJob === undefined ? "" : r.statementsPerJob.toFixed(1),
          r.rssMb,
          r.peakRssMb,
        ]),
      ),
      "",
    );
  }
  if (results.judge) {
    const j = results.judge;
    out.push(
      `Text judge (fresh process; ${j.texts} corpus texts; decision = the whole guarded local brain, judge included)`,
    );
    out.push(
      table(
        ["load ms", "heap MB", "RSS MB", "judgment p50 µs", "judgment p99 µs", "decision p50 ms", "decision p99 ms"],
        [[j.loadMs, j.heapMb, j.rssMb, j.judgeP50Us, j.judgeP99Us, j.decideP50Us / 1000, j.decideP99Us / 1000]],
      ),
      "",
    );
  }
  const targets = checkTargets(results);
  out.push("Targets (issues 9, 13 and 20; goals, not assertions)");
  out.push(
    table(
      ["", "goal", "measured", ""],
      targets.map((t) => [t.name, t.goal, t.value, t.met === null ? "–" : t.met ? "met" : "MISSED"]),
    ),
  );
  return out.join("\n");
}

/** The JSON shape (snake_case, ms), with more fields beside. */
export function toJson(results: BenchResults): Record<string, unknown> {
  const inboundJson = (r: InboundRow) => {
    const floor = floorAt(results, r.concurrency);
    return {
      store: r.target,
      concurrency: r.concurrency,
      rps: round(r.rps),
      p50_ms: round(r.latency.p50),
      p95_ms: round(r.latency.p95),
      p99_ms: round(r.latency.p99),
      max_ms: round(r.latency.max),
      reply_p50_ms: round(r.replies.p50),
      reply_p99_ms: round(r.replies.p99),
      reply_max_ms: round(r.replies.max),
      replies_per_s: round(r.repliesPerSecond),
      sustained_rps: round(sustainedRps(r)),
      drain_replies_per_s: r.drainRepliesPerSecond === undefined ? null : round(r.drainRepliesPerSecond),
      errors: r.errors,
      error_kinds: r.errorKinds,
      unanswered: r.missingReplies,
      drain_ms: round(r.drainMs),
      requests: r.recorded,
      rps_vs_floor: floor ? round(sustainedRps(r) / floor.rps) : null,
      p99_vs_floor: floor ? round(r.latency.p99 / floor.latency.p99) : null,
      baton_cpu_pct: round(r.serverCpuPct),
      pg_cpu_pct: r.pgCpuPct === undefined ? null : round(r.pgCpuPct),
      loadgen_cpu_pct: round(r.worldCpuPct),
      event_loop_p99_ms: r.serverLoopP99Ms === undefined ? null : round(r.serverLoopP99Ms),
      machine_cpu_pct: r.machineCpuPct === undefined ? null : round(r.machineCpuPct),
      rss_mb: round(r.serverRssMb),
      statements_per_text: r.statementsPerText === undefined ? null : round(r.statementsPerText),
    };
  };
  const claimJson = (c: ClaimResult) => ({
    store: c.store,
    concurrency: c.concurrency,
    rounds: c.rounds,
    clicks: c.clicks,
    ack_p50_ms: round(c.ack.p50),
    ack_p99_ms: round(c.ack.p99),
    ack_max_ms: round(c.ack.max),
    floor_ack_p50_ms: round(c.floorAck.p50),
    floor_ack_p99_ms: round(c.floorAck.p99),
    update_p50_ms: round(c.update.p50),
    update_p99_ms: round(c.update.p99),
    update_max_ms: round(c.update.max),
    errors: c.errors,
    missing_updates: c.missingUpdates,
  });
  const claim = results.claims.find((c) => c.store === "postgres") ?? results.claims[0];
  return {
    ...results.meta,
    inbound: results.inbound.map(inboundJson),
    floor: results.floor.map((r) => ({
      concurrency: r.concurrency,
      rps: round(r.rps),
      p50_ms: round(r.latency.p50),
      p95_ms: round(r.latency.p95),
      p99_ms: round(r.latency.p99),
      errors: r.errors,
      server_cpu_pct: round(r.serverCpuPct),
      loadgen_cpu_pct: round(r.worldCpuPct),
      machine_cpu_pct: r.machineCpuPct === undefined ? null : round(r.machineCpuPct),
    })),
    steady: (results.steady ?? []).map((r) => ({
      store: r.target,
      rate_per_s: r.ratePerSecond,
      sent: r.sent,
      p50_ms: round(r.latency.p50),
      p99_ms: round(r.latency.p99),
      reply_p50_ms: round(r.replies.p50),
      reply_p95_ms: round(r.replies.p95),
      reply_p99_ms: round(r.replies.p99),
      reply_max_ms: round(r.replies.max),
      errors: r.errors,
      error_kinds: r.errorKinds,
      unanswered: r.missingReplies,
      statements_per_text: r.statementsPerText === undefined ? null : round(r.statementsPerText),
    })),
    memory: (results.memory ?? []).map((m) => ({
      store: m.target,
      bench_idle_rss_mb: round(m.idleRssMb),
      bench_peak_rss_mb: round(m.peakRssMb),
    })),
    footprint: (results.footprint ?? []).map((f) => ({
      store: f.store,
      image_idle_rss_mb: round(f.idleRssMb),
      plain_idle_rss_mb: round(f.plainIdleRssMb),
      ready_ms: round(f.startMs),
      starts: f.starts,
    })),
    claim: claim ? claimJson(claim) : null,
    claims: results.claims.map(claimJson),
    scheduler: results.scheduler.map((r) => ({
      store: r.store,
      conversations: r.conversations,
      due: DUE,
      tick_ms: round(r.tickMs),
      claim_query_ms: round(r.claimMs),
      statements_per_nudge: r.statementsPerJob === undefined ? null : round(r.statementsPerJob),
      rss_mb: round(r.rssMb),
      peak_rss_mb: round(r.peakRssMb),
      seed_and_measure_s: round(r.seedAndMeasureS),
    })),
    judge: results.judge
      ? {
          load_ms: round(results.judge.loadMs),
          heap_mb: round(results.judge.heapMb),
          rss_mb: round(results.judge.rssMb),
          judgment_p50_us: round(results.judge.judgeP50Us),
          judgment_p99_us: round(results.judge.judgeP99Us),
          decision_p50_ms: round(results.judge.decideP50Us / 1000),
          decision_p99_ms: round(results.judge.decideP99Us / 1000),
        }
      : null,
    targets: checkTargets(results),
  };
}
