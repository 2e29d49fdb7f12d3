// `npm run bench:media [-- --stores=pglite,postgres] [--only=answers,thread,memory]`: what pictures cost Baton. Baton runs in its own
// process (baton-server.ts), the fake Twilio and Slack with the customers and reps in another
// (media-world.ts); this one only conducts and prints. Three measurements per database:
//   1. the webhook's answer time, a plain text against the same text with one 200 KB photo;
//   2. from a customer's MMS with 3 photos to the pictures uploaded into the card's thread;
//   3. Baton's memory while a 5 MB photo goes in (customer → Slack) and a 4.9 MB one goes out
//      (Slack → Twilio, which fetches it from Baton's signed link).
// Benchmarks print numbers: nothing here passes or fails. Also writes test-artifacts/bench/results/media-latest.json.
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { INBOUND_MAX_BYTES, MMS_MAX_BYTES } from "../../src/core/media/media-rules.js";
import { startChild, type BenchChild } from "./child.js";
import { BENCH, OUTPUT_DIR } from "./constants.js";
import { createBenchDatabase, dropStaleBenchDatabases, findPostgresServer, type BenchStore } from "./databases.js";
import type { Card, MediaWorldReady, WorldEvent } from "./media-world.js";
import { table } from "./report.js";
import { round, summarize, type Summary } from "./stats.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);
const MB = 2 ** 20;

const TEXT = "what are your hours?";
const HANDOFF = "I need to talk to a manager";
/** Part 1: webhooks of each kind, sent in alternating blocks so neither kind gets the warmer server. */
const WEBHOOKS = 200;
const BLOCK = 50;
const WARMUP_WEBHOOKS = 10;
/** Also: webhooks each sent once Baton is done with the last (its reply, its picture): the answer alone. */
const IDLE_WEBHOOKS = 50;
const SMALL_PHOTO = 200 * 1024;
/** Part 2. */
const FLOWS = 20;
const WARMUP_FLOWS = 2;
const THREAD_PHOTOS = 3;
const THREAD_PHOTO_BYTES = 300 * 1024;
/** Part 3: the largest file a customer's MMS may carry, and a rep's file just under an MMS's limit. */
const CUSTOMER_FILE = INBOUND_MAX_BYTES;
const REP_FILE = Math.floor(MMS_MAX_BYTES * 0.98);
const WARM_TEXTS = [
  "Hi, is the 2024 Toyota Tacoma still available?",
  "What time do you open on Saturday?",
  "Where are you located?",
  "Do you have the Honda CR-V in blue?",
  "Can I come in for a test drive tomorrow afternoon?",
];

interface BatonReady {
  url: string;
  database: string;
  brain: string;
}

interface BatonStats {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  peakExternalMb: number;
  peakArrayBuffersMb: number;
}

type MemorySample = [at: number, rss: number, heapUsed: number, external: number, arrayBuffers: number];

interface WebhookRun {
  ms: number[];
  phones: string[];
  fetches0: number;
  deletes0: number;
}

interface AnswerTimes {
  kind: string;
  /** "one after another" (each sent when the last was answered) or "each on an idle Baton". */
  how: string;
  latency: Summary;
  replied: number;
  fetched: number;
  deleted: number;
}

interface ThreadUploads {
  flows: number;
  upload: Summary;
  answer: Summary;
  files: number;
}

interface Phase {
  from: string;
  to: string;
  ms: number;
  /** Highest RSS in the phase, over the idle baseline. */
  rssOverBaseMb: number;
  /** How much the flow's highest RSS so far grew during the phase. */
  rssGrowthMb: number;
  arrayBuffersOverBaseMb: number;
  heapUsedOverBaseMb: number;
}

interface MemoryFlow {
  flow: string;
  fileMb: number;
  peakRssRiseMb: number;
  times: number;
  peakRssOverPreFlowMb: number;
  peakHeapUsedRiseMb: number;
  peakExternalRiseMb: number;
  peakArrayBuffersRiseMb: number;
  rssAfterGcMb: number;
  durationMs: number;
  phases: Phase[];
  /** What the world saw, in ms from the flow's first memory sample. */
  events: WorldEvent[];
  /** Customers' files still at the fake Twilio once the flow was done (Baton deletes each it stored). */
  leftAtTwilio: number;
  warnings: BatonWarning[];
}

interface BatonWarning {
  level: string;
  msg: string;
  err?: string;
}

interface MemoryResult {
  database: string;
  baseline: BatonStats;
  flows: MemoryFlow[];
}

interface StoreResult {
  store: BenchStore;
  database: string;
  /** What else the fakes and Baton's log said: files left at Twilio, Baton's warnings. */
  notes: string[];
  answers?: AnswerTimes[];
  thread?: ThreadUploads;
  memory?: MemoryResult;
}

function startBaton(databaseUrl: string, world: BenchChild<MediaWorldReady>, memory: boolean) {
  return startChild<BatonReady>("baton-server", {
    settings: {
      databaseUrl,
      twilioUrl: world.ready.twilioUrl,
      slackUrl: world.ready.slackUrl,
      ...(memory ? { memorySampleMs: "5" } : {}),
    },
    execArgv: memory ? ["--expose-gc"] : [],
  });
}

// ---------- 1. Webhook answer time, SMS against MMS ----------

async function answerTimes(baton: BenchChild<BatonReady>, world: BenchChild<MediaWorldReady>): Promise<AnswerTimes[]> {
  const url = baton.ready.url;
  const kinds = [
    { kind: `SMS "${TEXT}"`, photoBytes: undefined },
    { kind: `MMS, the same words + 1 JPEG of ${SMALL_PHOTO / 1024} KB`, photoBytes: SMALL_PHOTO },
  ];
  const send = (n: number, photoBytes?: number) =>
    world.call<WebhookRun>("webhooks", { url, n, text: TEXT, photoBytes });
  /** Sends, waits for Baton to be done with them (replies, fetches), and counts what the fakes saw. */
  const block = async (n: number, photoBytes: number | undefined, idleEach: boolean) => {
    const seen = { ms: [] as number[], replied: 0, fetched: 0, deleted: 0 };
    for (const size of idleEach ? Array<number>(n).fill(1) : [n]) {
      const run = await send(size, photoBytes);
      await baton.call("idle");
      const after = await world.call<{ replied: number; fetched: number; deleted: number }>("afterWebhooks", run);
      seen.ms.push(...run.ms);
      seen.replied += after.replied;
      seen.fetched += after.fetched;
      seen.deleted += after.deleted;
    }
    return seen;
  };
  for (const { photoBytes } of kinds) await block(WARMUP_WEBHOOKS, photoBytes, false);
  const out: AnswerTimes[] = [];
  for (const [idleEach, n, how] of [
    [false, WEBHOOKS, "one after another"],
    [true, IDLE_WEBHOOKS, "each on an idle Baton"],
  ] as const) {
    const seen = kinds.map(() => ({ ms: [] as number[], replied: 0, fetched: 0, deleted: 0 }));
    // Alternating blocks, each started on a quiet Baton: neither kind gets the warmer server.
    for (let sent = 0; sent < n; sent += BLOCK)
      for (const [i, { photoBytes }] of kinds.entries()) {
        const b = await block(Math.min(BLOCK, n - sent), photoBytes, idleEach);
        seen[i]!.ms.push(...b.ms);
        seen[i]!.replied += b.replied;
        seen[i]!.fetched += b.fetched;
        seen[i]!.deleted += b.deleted;
      }
    for (const [i, { kind }] of kinds.entries())
      out.push({
        kind,
        how,
        latency: summarize(seen[i]!.ms),
        replied: seen[i]!.replied,
        fetched: seen[i]!.fetched,
        deleted: seen[i]!.deleted,
      });
  }
  return out;
}

// ---------- 2. Pictures into the card's thread ----------

async function threadUploads(
  baton: BenchChild<BatonReady>,
  world: BenchChild<MediaWorldReady>,
): Promise<ThreadUploads> {
  const url = baton.ready.url;
  const upload: number[] = [];
  const answer: number[] = [];
  let files = 0;
  for (let i = 0; i < WARMUP_FLOWS + FLOWS; i++) {
    const card = await world.call<Card>("card", { url, text: HANDOFF });
    await baton.call("idle"); // the handoff's own work (AI answer, card) is done before the clock starts
    const r = await world.call<{ answerMs: number; uploadMs: number; files: number }>("picturesIntoThread", {
      url,
      card,
      text: "Here's my trade-in from three sides, what would you give me for it?",
      photos: THREAD_PHOTOS,
      photoBytes: THREAD_PHOTO_BYTES,
    });
    await baton.call("idle");
    if (i < WARMUP_FLOWS) continue;
    upload.push(r.uploadMs);
    answer.push(r.answerMs);
    files += r.files;
  }
  return { flows: FLOWS, upload: summarize(upload), answer: summarize(answer), files };
}

// ---------- 3. Memory for a 5 MB picture ----------

async function quiet(baton: BenchChild<BatonReady>): Promise<BatonStats> {
  await baton.call("idle");
  await baton.call("gc");
  await new Promise((resolve) => setTimeout(resolve, 300));
  await baton.call("gc");
  return baton.call<BatonStats>("stats"); // also resets the peaks
}

const SPILL_MS = 10;

/** Splits a flow at what the world saw, and says how much memory Baton used in each stretch. */
function phasesOf(samples: MemorySample[], events: WorldEvent[], base: BatonStats): Phase[] {
  if (samples.length === 0) return [];
  const marks = [
    { what: "start", at: Math.min(samples[0]![0], ...events.map((e) => e.at)) },
    ...[...events].sort((a, b) => a.at - b.at).map((e) => ({ what: e.what, at: e.at })),
    { what: "Baton idle", at: samples.at(-1)![0] + 1e-3 },
  ];
  // Repeats of one event in a row (several files, several polls) are one mark.
  const merged = marks.filter((m, i) => i === 0 || m.what !== marks[i - 1]!.what);
  const phases: Phase[] = [];
  // What was already there when the flow began (left by an earlier flow) is not growth.
  let highest = Math.max(base.rssMb * MB, samples[0]![1]);
  for (let i = 0; i + 1 < merged.length; i++) {
    const [from, to] = [merged[i]!, merged[i + 1]!];
    // Baton samples only between event-loop turns: what a stretch allocated in one synchronous run
    // shows in the first samples after it, so each stretch also takes the samples of the next SPILL_MS.
    const inside = samples.filter((s) => s[0] >= from.at && s[0] < to.at + SPILL_MS);
    // No sample at all: Baton's event loop was busy (synchronous work) through the whole stretch.
    const max = (k: 1 | 2 | 4) => (inside.length ? Math.max(...inside.map((s) => s[k])) : NaN);
    const before = highest;
    if (inside.length) highest = Math.max(highest, max(1));
    phases.push({
      from: from.what,
      to: to.what,
      ms: to.at - from.at,
      rssOverBaseMb: max(1) / MB - base.rssMb,
      rssGrowthMb: (highest - before) / MB,
      arrayBuffersOverBaseMb: max(4) / MB - base.arrayBuffersMb,
      heapUsedOverBaseMb: max(2) / MB - base.heapUsedMb,
    });
  }
  return phases;
}

async function measureFlow(
  baton: BenchChild<BatonReady>,
  world: BenchChild<MediaWorldReady>,
  base: BatonStats,
  flow: string,
  fileBytes: number,
  run: () => Promise<unknown>,
): Promise<MemoryFlow> {
  const pre = await quiet(baton);
  const left0 = await world.call<number>("leftAtTwilio");
  await baton.call("warnings");
  await baton.call("trace", { on: true });
  await world.call("events", { on: true });
  const t0 = performance.now();
  await run();
  await baton.call("idle");
  const durationMs = performance.now() - t0;
  const peak = await baton.call<BatonStats>("stats");
  const samples = await baton.call<MemorySample[]>("trace", { on: false });
  const events = await world.call<WorldEvent[]>("events", { on: false });
  const after = await quiet(baton);
  const leftAtTwilio = (await world.call<number>("leftAtTwilio")) - left0;
  const warnings = await baton.call<BatonWarning[]>("warnings");
  const fileMb = fileBytes / MB;
  const rise = peak.peakRssMb - base.rssMb;
  return {
    flow,
    fileMb,
    peakRssRiseMb: rise,
    times: rise / fileMb,
    peakRssOverPreFlowMb: peak.peakRssMb - pre.rssMb,
    peakHeapUsedRiseMb: peak.peakHeapUsedMb - base.heapUsedMb,
    peakExternalRiseMb: peak.peakExternalMb - base.externalMb,
    peakArrayBuffersRiseMb: peak.peakArrayBuffersMb - base.arrayBuffersMb,
    rssAfterGcMb: after.rssMb,
    durationMs,
    phases: phasesOf(samples, events, base),
    events: events.map((e) => ({ what: e.what, at: e.at - (samples[0]?.[0] ?? 0) })),
    leftAtTwilio,
    warnings,
  };
}

async function memory(
  store: BenchStore,
  postgres: string | undefined,
  world: BenchChild<MediaWorldReady>,
): Promise<MemoryResult> {
  const db = await createBenchDatabase(store, postgres);
  try {
    const t0 = performance.now();
    const baton = await startBaton(db.url, world, true);
    try {
      const url = baton.ready.url;
      log(`  fresh Baton started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      // Warm and then idle: texts answered, a card claimed, and one small photo each way, so what
      // follows measures the big files and not code running for the first time.
      await world.call("warm", { url, texts: WARM_TEXTS });
      const card = await world.call<Card>("card", { url, text: HANDOFF });
      await baton.call("idle");
      await world.call("claim", { url, card });
      await baton.call("idle");
      await world.call("picturesIntoThread", { url, card, text: "warm-up", photos: 1, photoBytes: 20_000 });
      await baton.call("idle");
      await world.call("repShares", { url, card, bytes: 20_000, text: "warm-up" });
      log(`  warmed after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const base = await quiet(baton);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const baseline = await quiet(baton);
      log(
        `  idle baseline: RSS ${baseline.rssMb.toFixed(1)} MB (a second earlier ${base.rssMb.toFixed(1)} MB), heap used ${baseline.heapUsedMb.toFixed(1)} MB`,
      );
      const flows = [
        await measureFlow(baton, world, baseline, `customer's MMS, 1 JPEG → Slack thread`, CUSTOMER_FILE, () =>
          world.call("picturesIntoThread", {
            url,
            card,
            text: "here is the dent",
            photos: 1,
            photoBytes: CUSTOMER_FILE,
          }),
        ),
        await measureFlow(baton, world, baseline, `rep's JPEG in thread → MMS, MediaUrl fetched`, REP_FILE, () =>
          world.call("repShares", { url, card, bytes: REP_FILE, text: "Here's the walk-around" }),
        ),
      ];
      return { database: baton.ready.database, baseline, flows };
    } finally {
      await baton.stop();
    }
  } finally {
    await db.drop();
  }
}

// ---------- The run ----------

function describeLeftovers(part: string, left: number, warnings: BatonWarning[]): string[] {
  const notes: string[] = [];
  if (left > 0)
    notes.push(`part ${part}: ${left} customer file(s) still at the fake Twilio once Baton was idle (never deleted)`);
  const kinds = new Map<string, number>();
  for (const w of warnings) {
    const line = `${w.level}: ${w.msg}${w.err ? ` (${w.err})` : ""}`;
    kinds.set(line, (kinds.get(line) ?? 0) + 1);
  }
  for (const [line, n] of kinds) notes.push(`part ${part}: Baton logged ${n}× ${line}`);
  return notes;
}

async function notesOf(
  part: string,
  baton: BenchChild<BatonReady>,
  world: BenchChild<MediaWorldReady>,
  left0: number,
): Promise<string[]> {
  await baton.call("idle");
  const left = (await world.call<number>("leftAtTwilio")) - left0;
  return describeLeftovers(part, left, await baton.call<BatonWarning[]>("warnings"));
}

async function runStore(
  store: BenchStore,
  postgres: string | undefined,
  world: BenchChild<MediaWorldReady>,
  parts: Part[],
): Promise<StoreResult> {
  const result: StoreResult = { store, database: "", notes: [] };
  if (parts.includes("answers") || parts.includes("thread")) {
    const db = await createBenchDatabase(store, postgres);
    try {
      const baton = await startBaton(db.url, world, false);
      try {
        result.database = baton.ready.database;
        log(`  Baton on ${result.database}, brain: ${baton.ready.brain}`);
        let t = performance.now();
        if (parts.includes("answers")) {
          const left0 = await world.call<number>("leftAtTwilio");
          result.answers = await answerTimes(baton, world);
          log(`  1. webhooks: ${((performance.now() - t) / 1000).toFixed(1)} s`);
          result.notes.push(...(await notesOf("1", baton, world, left0)));
        }
        t = performance.now();
        if (parts.includes("thread")) {
          const left0 = await world.call<number>("leftAtTwilio");
          result.thread = await threadUploads(baton, world);
          log(`  2. pictures into threads: ${((performance.now() - t) / 1000).toFixed(1)} s`);
          result.notes.push(...(await notesOf("2", baton, world, left0)));
        }
      } finally {
        await baton.stop();
      }
    } finally {
      await db.drop();
    }
  }
  if (parts.includes("memory")) {
    const t = performance.now();
    result.memory = await memory(store, postgres, world);
    result.database ||= result.memory.database;
    for (const f of result.memory.flows)
      result.notes.push(...describeLeftovers(`3 (${f.flow})`, f.leftAtTwilio, f.warnings));
    log(`  3. memory: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return result;
}

const mb = (n: number) => (!Number.isFinite(n) ? "–" : Math.abs(n) < 0.05 ? "0" : n.toFixed(1));

function formatStore(r: StoreResult): string {
  return [
    `=== ${r.store}: ${r.database} ===`,
    "",
    ...(r.answers ? formatAnswers(r.answers) : []),
    ...(r.thread ? formatThread(r.thread) : []),
    ...(r.memory ? formatMemory(r.store, r.memory) : []),
    `Notes: ${r.notes.length === 0 ? "no file left at Twilio, no warning in Baton's log." : ""}`,
    ...r.notes.map((n) => `   ${n}`),
  ].join("\n");
}

function formatAnswers(answers: AnswerTimes[]): string[] {
  const out: string[] = [];
  out.push(
    `1. Webhook answer time (ms): signed inbound webhooks, each from a new customer, from the first byte sent to the`,
    `   whole answer read; the kinds in alternating blocks of ${BLOCK}, each block started on an idle Baton.`,
    `   "one after another": ${WEBHOOKS} of each, each sent as soon as the last was answered (Baton still busy with the`,
    `   last ones' replies and pictures); "on an idle Baton": ${IDLE_WEBHOOKS} of each, each sent once Baton was done with`,
    `   the last. Replied: customers who got an SMS back; fetched / deleted: files Baton took from the fake Twilio.`,
    `   Target: an MMS adds nothing to the answer.`,
  );
  const rows: (string | number)[][] = [];
  for (const how of [...new Set(answers.map((a) => a.how))]) {
    const [sms, mms] = answers.filter((a) => a.how === how);
    for (const a of [sms, mms].filter((x): x is AnswerTimes => !!x))
      rows.push([
        `${a.kind}, ${how}`,
        a.latency.count,
        a.latency.p50,
        a.latency.p95,
        a.latency.p99,
        a.latency.max,
        a.latency.mean,
        a.replied,
        a.fetched,
        a.deleted,
      ]);
    if (sms && mms)
      rows.push([
        `  MMS − SMS, ${how}`,
        "",
        mms.latency.p50 - sms.latency.p50,
        mms.latency.p95 - sms.latency.p95,
        mms.latency.p99 - sms.latency.p99,
        mms.latency.max - sms.latency.max,
        mms.latency.mean - sms.latency.mean,
        "",
        "",
        "",
      ]);
  }
  out.push(
    table(["", "n", "p50", "p95", "p99", "max", "mean", "replied", "fetched", "deleted"], rows).replace(/^/gm, "   "),
    "",
  );
  return out;
}

function formatThread(thread: ThreadUploads): string[] {
  const out: string[] = [];
  out.push(
    `2. Pictures in the thread (ms): ${thread.flows} times, a customer with a card ("${HANDOFF}") sends an MMS`,
    `   with ${THREAD_PHOTOS} JPEGs of ${THREAD_PHOTO_BYTES / 1024} KB and words; from sending the webhook to the fake Slack's`,
    `   files.completeUploadExternal with the card's thread_ts. Target: within 3000 ms.`,
  );
  const u = thread.upload;
  const a = thread.answer;
  out.push(
    table(
      ["", "p50", "p95", "max", "mean"],
      [
        ["webhook → pictures in the thread", u.p50, u.p95, u.max, u.mean],
        ["  (the webhook's own answer)", a.p50, a.p95, a.max, a.mean],
      ],
    ).replace(/^/gm, "   "),
    `   files uploaded: ${thread.files} of ${thread.flows * THREAD_PHOTOS}`,
    "",
  );
  return out;
}

function formatMemory(store: BenchStore, memory: MemoryResult): string[] {
  const out: string[] = [];
  const b = memory.baseline;
  out.push(
    `3. Memory for a 5 MB picture (MB): a fresh Baton (--expose-gc, memory sampled every 5 ms), warmed (5 texts, a`,
    `   claimed card, a 20 KB photo each way), then idle after gc: RSS ${b.rssMb.toFixed(1)}, heap used ${b.heapUsedMb.toFixed(1)},` +
      ` external ${b.externalMb.toFixed(1)}, array buffers ${b.arrayBuffersMb.toFixed(1)}.`,
    `   Peak rises are over that idle baseline; the file is incompressible bytes after FF D8 FF E0. Target: ≤ ~3× the file.`,
    `   Samples are taken between event-loop turns: a peak inside one long synchronous stretch may be missed (lower bounds).`,
    store === "pglite"
      ? `   On PGlite the database runs inside Baton's process: its WebAssembly memory is in Baton's RSS (and array buffers).`
      : `   On PostgreSQL the database server's memory is its own, not in these figures.`,
  );
  out.push(
    table(
      [
        "flow",
        "file",
        "peak RSS rise",
        "× file",
        "over pre-flow",
        "heap used",
        "external",
        "array buffers",
        "RSS after gc",
        "ms",
      ],
      memory.flows.map((f) => [
        f.flow,
        f.fileMb.toFixed(2),
        mb(f.peakRssRiseMb),
        `${f.times.toFixed(1)}×`,
        mb(f.peakRssOverPreFlowMb),
        mb(f.peakHeapUsedRiseMb),
        mb(f.peakExternalRiseMb),
        mb(f.peakArrayBuffersRiseMb),
        f.rssAfterGcMb.toFixed(1),
        Math.round(f.durationMs),
      ]),
    ).replace(/^/gm, "   "),
    `   (heap used, external, array buffers: peak rise of each over the baseline; over pre-flow: the rise over RSS`,
    `   just before that flow, after gc; RSS after gc: once the flow was done, Baton idle, after gc.)`,
    "",
  );
  for (const f of memory.flows) {
    out.push(
      `   Where: ${f.flow}, split at what the fakes saw. MB over the idle baseline; RSS growth: how much the`,
      `   flow's highest RSS so far grew in that stretch; each stretch includes the samples of the ${SPILL_MS} ms after it (what a`,
      `   synchronous run allocated shows once the event loop turns); –: no sample (event loop busy throughout).`,
    );
    out.push(
      table(
        ["from", "to", "ms", "RSS max", "RSS growth", "array buffers", "heap used"],
        f.phases.map((p) => [
          p.from,
          p.to,
          Math.round(p.ms),
          mb(p.rssOverBaseMb),
          mb(p.rssGrowthMb),
          mb(p.arrayBuffersOverBaseMb),
          mb(p.heapUsedOverBaseMb),
        ]),
      ).replace(/^/gm, "     "),
      "",
    );
  }
  return out;
}

type Part = "answers" | "thread" | "memory";
const PARTS: Part[] = ["answers", "thread", "memory"];

/** `[--stores=pglite,postgres] [--only=answers,thread,memory]` */
function parseArgs(argv: string[]): { stores: BenchStore[]; explicit: boolean; parts: Part[] } {
  const unknown = argv.filter((a) => !/^--(stores|only)=.+$/.test(a));
  if (unknown.length > 0)
    throw new Error(`unknown argument ${unknown[0]}; accepted: --stores=pglite,postgres, --only=${PARTS.join(",")}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const parts = (value("only")?.split(",") ?? PARTS) as Part[];
  if (parts.some((p) => !PARTS.includes(p))) throw new Error(`--only: ${PARTS.join(", ")}`);
  const given = value("stores");
  const stores = (given?.split(",") ?? ["pglite", "postgres"]) as BenchStore[];
  if (stores.some((s) => s !== "pglite" && s !== "postgres")) throw new Error("--stores: pglite and/or postgres");
  return { stores, explicit: given !== undefined, parts };
}

async function main(): Promise<void> {
  const { stores: asked, explicit, parts } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  process.chdir(root);
  let stores = asked;
  let postgres: string | undefined;
  if (stores.includes("postgres")) {
    // Without --stores, PostgreSQL only when a server is named (BENCH_DATABASE_URL, TEST_DATABASE_URL);
    // with --stores=…postgres, the one .ci/start-postgres.sh reuses or starts, as npm run bench does.
    const named = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    const found =
      explicit || named ? await findPostgresServer() : { note: "no BENCH_DATABASE_URL or TEST_DATABASE_URL" };
    postgres = found.url;
    log(postgres ? `PostgreSQL server from ${found.note}` : `PostgreSQL skipped: ${found.note}`);
    if (postgres) await dropStaleBenchDatabases(postgres).catch(() => {});
    else stores = stores.filter((s) => s !== "postgres");
  }
  const results: StoreResult[] = [];
  const world = await startChild<MediaWorldReady>("media-world");
  try {
    for (const store of stores) {
      log(`Media on ${store}`);
      results.push(await runStore(store, postgres, world, parts));
    }
  } finally {
    await world.stop();
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  console.log(
    `\nnpm run bench:media: ${new Date().toISOString()}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), ` +
      `Node ${process.version}, local brain, everything on 127.0.0.1; ${seconds} s; ` +
      `load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n`,
  );
  for (const r of results) console.log(`${formatStore(r)}\n`);
  const dir = path.join(root, OUTPUT_DIR, "results");
  await mkdir(dir, { recursive: true });
  const json = JSON.stringify(
    { date: new Date().toISOString(), publicUrl: BENCH.publicUrl, duration_s: seconds, results },
    (_, v: unknown) => (typeof v === "number" ? round(v) : v),
    2,
  );
  await writeFile(path.join(dir, "media-latest.json"), `${json}\n`);
  console.log(`Written: ${OUTPUT_DIR}/results/media-latest.json`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
