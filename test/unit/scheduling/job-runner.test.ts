import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/adapters/clock/manual-clock.js";
import { silentLogger, type Logger } from "../../../src/core/ports/logger.js";
import type { ClaimedJob, JobPayload, JobStore, JobType } from "../../../src/core/ports/jobs.js";
import { JobRunner, type JobHandler, type JobHandlers } from "../../../src/core/scheduling/job-runner.js";
import { recordingLogger } from "../../helpers/recording-logger.js";

interface Row extends ClaimedJob {
  status: string;
  leaseUntil?: number;
  lockedBy?: string;
  result?: string;
}

/** Just enough of a JobStore to watch the runner's decisions (the SQL is tested on the real stores). */
function memoryJobs() {
  const rows: Row[] = [];
  const held = (id: string, worker: string) =>
    rows.find((r) => r.id === id && r.lockedBy === worker && r.status === "running");
  const store: JobStore = {
    async schedule(job) {
      rows.push({
        id: String(rows.length + 1),
        type: job.type,
        dealershipId: job.dealershipId,
        dueAt: job.dueAt,
        payload: job.payload ?? {},
        attempts: 0,
        status: "pending",
      });
      return true;
    },
    async claimDue({ now, limit, leaseMs, workerId }) {
      const due = rows.filter((r) => r.status === "pending" && r.dueAt <= now).slice(0, limit);
      for (const r of due)
        Object.assign(r, {
          status: "running",
          attempts: r.attempts + 1,
          lockedBy: workerId,
          leaseUntil: now.getTime() + leaseMs,
        });
      return due.map((r) => ({ ...r }));
    },
    async complete(id, worker, _at, result) {
      const r = held(id, worker);
      if (r) Object.assign(r, { status: "done", result });
      return !!r;
    },
    async reschedule(id, worker, dueAt, options = {}) {
      const r = held(id, worker);
      if (r)
        Object.assign(r, {
          status: "pending",
          dueAt,
          ...(options.payload ? { payload: options.payload } : {}),
          ...(options.countsAsAttempt ? {} : { attempts: 0 }),
        });
      return !!r;
    },
    async fail(id, worker, _at, error) {
      const r = held(id, worker);
      if (r) Object.assign(r, { status: "failed", result: error });
      return !!r;
    },
    async cancel() {
      return 0;
    },
    async reserveSendSlot(_d, notBefore) {
      return notBefore;
    },
  };
  return { rows, store };
}

function runnerWith(handler: JobHandler, clock: ManualClock, logger: Logger = silentLogger) {
  const jobs = memoryJobs();
  const handlers = Object.fromEntries(
    (["nudge", "appointment_reminder", "rep_followup", "rep_wait", "escalation", "digest"] as JobType[]).map((t) => [
      t,
      handler,
    ]),
  ) as unknown as JobHandlers;
  return {
    jobs,
    runner: new JobRunner({ jobs: jobs.store, clock, logger, handlers }, { workerId: "w", maxAttempts: 3 }),
  };
}

const NUDGE = { series: "m1", silenceStart: "2026-03-02T11:00:00.000Z", attempt: 1 };
const ESCALATION = { step: 1, handoffAt: "2026-03-02T14:00:00.000Z", targetMs: 900_000 } as const;
const DIGEST = { day: "2026-03-02" };

describe("JobRunner", () => {
  it("retries a failing job later, with growing delays, and gives up after the last attempt", async () => {
    const clock = new ManualClock("2026-03-02T15:00:00Z");
    const { jobs, runner } = runnerWith(async () => {
      throw new Error("Slack is down");
    }, clock);
    await jobs.store.schedule({ type: "escalation", dealershipId: "main", dueAt: clock.now(), payload: ESCALATION });

    expect(await runner.tick()).toEqual({ done: 0, deferred: 0, failed: 1 });
    expect(jobs.rows[0]).toMatchObject({ status: "pending", dueAt: new Date("2026-03-02T15:01:00Z"), attempts: 1 });
    clock.advance(60_000);
    await runner.tick();
    expect(jobs.rows[0]).toMatchObject({ status: "pending", dueAt: new Date("2026-03-02T15:06:00Z"), attempts: 2 });
    clock.advance(5 * 60_000);
    await runner.tick();
    expect(jobs.rows[0]).toMatchObject({ status: "failed", result: "Slack is down" });
  });

  it("defers without spending the retry budget, and runs the job again at its time", async () => {
    const clock = new ManualClock("2026-03-02T15:00:00Z");
    let calls = 0;
    const SLOT = "2026-03-03T14:00:00.000Z";
    const { jobs, runner } = runnerWith(
      async () =>
        ++calls === 1
          ? { kind: "defer", until: new Date("2026-03-03T14:00:00Z"), payload: { ...NUDGE, slotAt: SLOT } }
          : { kind: "done", result: "sent" },
      clock,
    );
    await jobs.store.schedule({ type: "nudge", dealershipId: "main", dueAt: clock.now(), payload: NUDGE });
    expect(await runner.tick()).toEqual({ done: 0, deferred: 1, failed: 0 });
    expect(jobs.rows[0]).toMatchObject({ status: "pending", attempts: 0, payload: { ...NUDGE, slotAt: SLOT } });
    expect(await runner.tick()).toEqual({ done: 0, deferred: 0, failed: 0 }); // not again in the same tick
    clock.set("2026-03-03T14:00:00Z");
    expect(await runner.tick()).toEqual({ done: 1, deferred: 0, failed: 0 });
    expect(jobs.rows[0]).toMatchObject({ status: "done", result: "sent" });
  });

  it("gives up on a job that keeps being claimed without an outcome (it crashes whoever runs it)", async () => {
    const clock = new ManualClock("2026-03-02T15:00:00Z");
    let ran = false;
    const { jobs, runner } = runnerWith(async () => ((ran = true), { kind: "done" }), clock);
    await jobs.store.schedule({ type: "digest", dealershipId: "main", dueAt: clock.now(), payload: DIGEST });
    jobs.rows[0]!.attempts = 4; // four leases ran out before this claim
    expect(await runner.tick()).toEqual({ done: 0, deferred: 0, failed: 1 });
    expect(ran).toBe(false);
    expect(jobs.rows[0]).toMatchObject({ status: "failed", result: "claimed 5 times without finishing" });
  });

  it("works through more than one batch in a tick", async () => {
    const clock = new ManualClock("2026-03-02T15:00:00Z");
    const { jobs, runner } = runnerWith(async () => ({ kind: "done" }), clock);
    for (let i = 0; i < 60; i++)
      await jobs.store.schedule({ type: "nudge", dealershipId: "main", dueAt: clock.now(), payload: NUDGE });
    expect(await runner.tick()).toEqual({ done: 60, deferred: 0, failed: 0 });
  });

  it("fails a job whose payload does not fit its type at once, naming the job and the field, and runs the others", async () => {
    const clock = new ManualClock("2026-03-02T15:00:00Z");
    const logger = recordingLogger();
    const seen: unknown[] = [];
    const { jobs, runner } = runnerWith(async (job) => (seen.push(job.payload), { kind: "done" }), clock, logger);
    const badRow = (payload: JobPayload) =>
      jobs.store.schedule({ type: "nudge", dealershipId: "main", dueAt: clock.now(), payload: payload as never });
    await badRow({ series: "m1", silenceStart: "not a time", attempt: 1 });
    await jobs.store.schedule({ type: "nudge", dealershipId: "main", dueAt: clock.now(), payload: NUDGE });
    await badRow({ series: "m1", silenceStart: "2026-03-02T11:00:00.000Z" });

    expect(await runner.tick()).toEqual({ done: 1, deferred: 0, failed: 2 });
    expect(seen).toEqual([NUDGE]);
    expect(jobs.rows[0]).toMatchObject({
      status: "failed",
      result: "nudge job 1 has an invalid payload: silenceStart: expected an ISO date-time",
    });
    expect(jobs.rows[1]).toMatchObject({ status: "done" });
    expect(jobs.rows[2]!.status).toBe("failed");
    expect(jobs.rows[2]!.result).toMatch(/^nudge job 3 has an invalid payload: attempt: /);
    // Not retried: the same payload would fail the same way.
    clock.advance(24 * 3_600_000);
    expect(await runner.tick()).toEqual({ done: 0, deferred: 0, failed: 0 });
    expect(logger.lines.filter((l) => l.msg === "scheduled job has an invalid payload; failed")).toHaveLength(2);
  });

  it("hands a handler the payload with the defaults of fields older rows lack", async () => {
    const clock = new ManualClock("2026-03-02T15:00:00Z");
    const jobs = memoryJobs();
    const seen: unknown[] = [];
    const record: JobHandler = async (job) => (seen.push(job.payload), { kind: "done" });
    const handlers = { post_card: record, resend: record } as unknown as JobHandlers;
    const runner = new JobRunner({ jobs: jobs.store, clock, logger: silentLogger, handlers }, { workerId: "w" });
    await jobs.store.schedule({ type: "post_card", dealershipId: "main", dueAt: clock.now(), payload: {} });
    await jobs.store.schedule({
      type: "resend",
      dealershipId: "main",
      dueAt: clock.now(),
      payload: { messageId: "m1" },
    });
    expect(await runner.tick()).toEqual({ done: 2, deferred: 0, failed: 0 });
    expect(seen).toEqual([{ tries: 1 }, { messageId: "m1", retry: 1, askFirst: false }]);
  });
});
