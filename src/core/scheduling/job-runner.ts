import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { ClaimedJob, JobStore, JobType } from "../ports/jobs.js";
import { readJob, type JobOf, type JobPayloadInput } from "./job-payloads.js";

/** The job is finished with (sent, skipped, no longer needed); `result` is kept on its row. */
export type DoneOutcome = { kind: "done"; result?: string };

/** What a handler did with a job. */
export type JobOutcome<T extends JobType = JobType> =
  | DoneOutcome
  /** Not yet: run it again at `until` (quiet hours, pace), without counting a failure; `payload` replaces the job's. */
  | { kind: "defer"; until: Date; payload?: JobPayloadInput<T> }
  /** Given up on by the handler itself (a permanent refusal, its own retries spent): no retry, `error` kept. */
  | { kind: "failed"; error: string };

/** Runs one job of its type, with the payload already checked (see JOB_PAYLOADS). */
export type JobHandler<T extends JobType = JobType> = (job: JobOf<T>) => Promise<JobOutcome<T>>;

/** One handler per job type: a new type without a handler does not compile. */
export type JobHandlers = { [T in JobType]: JobHandler<T> };

export interface JobRunnerOptions {
  /** Identifies this replica in `lockedBy`. */
  workerId: string;
  /** @default 5 minutes: longer than a batch takes, short enough to recover a crash soon */
  leaseMs?: number;
  /** Jobs claimed per query (and run together: see concurrency). @default 50 */
  batchSize?: number;
  /** A tick stops after this many jobs; the next tick carries on. @default 1000 */
  maxJobsPerTick?: number;
  /** A job that fails this often is given up on (and logged). @default 5 */
  maxAttempts?: number;
  /**
   * Jobs of a batch run this many at a time. @default the whole batch: their reads and writes of
   * each step then share statements (the store batches what one turn asks), so a tick of 100 due
   * costs about 10 statements, not 400.
   */
  concurrency?: number;
}

export interface TickResult {
  done: number;
  deferred: number;
  failed: number;
}

const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];

/**
 * Runs due jobs. Each claim is a lease in the database, so replicas ticking at the same time
 * split the work and never run one job twice; handlers are idempotent too (sends carry a key
 * per job), so a job taken over after a crash mid-send is still sent once.
 */
export class JobRunner {
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly maxJobsPerTick: number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;

  constructor(
    private readonly deps: { jobs: JobStore; clock: Clock; logger: Logger; handlers: JobHandlers },
    private readonly options: JobRunnerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.maxJobsPerTick = options.maxJobsPerTick ?? 1000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.concurrency = Math.max(1, options.concurrency ?? this.batchSize);
  }

  /** Claims and runs what is due now, batch after batch, until nothing is due. */
  async tick(): Promise<TickResult> {
    const totals: TickResult = { done: 0, deferred: 0, failed: 0 };
    let seen = 0;
    while (seen < this.maxJobsPerTick) {
      const jobs = await this.deps.jobs.claimDue({
        now: this.deps.clock.now(),
        limit: Math.min(this.batchSize, this.maxJobsPerTick - seen),
        leaseMs: this.leaseMs,
        workerId: this.options.workerId,
      });
      if (jobs.length === 0) break;
      seen += jobs.length;
      const queue = [...jobs];
      const worker = async () => {
        for (let job = queue.shift(); job; job = queue.shift()) totals[await this.run(job)]++;
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, jobs.length) }, worker));
    }
    return totals;
  }

  private async run(job: ClaimedJob): Promise<keyof TickResult> {
    const { jobs, clock, logger } = this.deps;
    const { workerId } = this.options;
    if (job.attempts > this.maxAttempts + 1) {
      // Claimed again and again without an outcome: it kills whoever runs it. Stop here.
      logger.error({ jobId: job.id, type: job.type, attempts: job.attempts }, "scheduled job never finishes; given up");
      await jobs.fail(job.id, workerId, clock.now(), `claimed ${job.attempts} times without finishing`);
      return "failed";
    }
    const read = readJob(job);
    if ("error" in read) {
      // Retrying cannot mend a payload: the job fails now, with what is wrong, and the tick goes on.
      logger.error(
        { jobId: job.id, type: job.type, error: read.error },
        "scheduled job has an invalid payload; failed",
      );
      await jobs.fail(job.id, workerId, clock.now(), read.error);
      return "failed";
    }
    try {
      const outcome = await this.handle(read.job);
      if (outcome.kind === "defer") {
        await jobs.reschedule(job.id, workerId, outcome.until, { payload: outcome.payload });
        return "deferred";
      }
      if (outcome.kind === "failed") {
        await jobs.fail(job.id, workerId, clock.now(), outcome.error);
        return "failed";
      }
      await jobs.complete(job.id, workerId, clock.now(), outcome.result);
      return "done";
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      if (job.attempts >= this.maxAttempts) {
        logger.error(
          { err: error, jobId: job.id, type: job.type, attempts: job.attempts },
          "scheduled job failed for good",
        );
        await jobs.fail(job.id, workerId, clock.now(), message);
      } else {
        const delay = RETRY_DELAYS_MS[Math.min(job.attempts - 1, RETRY_DELAYS_MS.length - 1)]!;
        logger.warn(
          { err: error, jobId: job.id, type: job.type, attempts: job.attempts },
          "scheduled job failed; will retry",
        );
        await jobs.reschedule(job.id, workerId, new Date(clock.now().getTime() + delay), {
          countsAsAttempt: true,
          error: message,
        });
      }
      return "failed";
    }
  }

  private handle<T extends JobType>(job: JobOf<T>): Promise<JobOutcome<T>> {
    const handler: JobHandler<T> = this.deps.handlers[job.type];
    return handler(job);
  }
}
