import { Agent, request } from "node:http";

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  /** Requests started inside the measured window (after the warm-up). */
  recorded: number;
  /** Milliseconds from the first byte sent to the whole answer read, for recorded requests. */
  latencies: number[];
  errors: number;
  /** A few distinct error descriptions, to say what went wrong. */
  errorKinds: Record<string, number>;
  /** From the end of the warm-up to the last recorded answer. */
  windowMs: number;
  rps: number;
}

/** One request over a keep-alive socket; resolves with the status (0 for a socket error) and body. */
export function send(
  agent: Agent,
  host: string,
  port: number,
  req: LoadRequest,
  timeoutMs: number,
): Promise<{ status: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const r = request(
      {
        host,
        port,
        method: "POST",
        path: req.path,
        agent,
        headers: { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", (e) => resolve({ status: 0, body, error: e.message }));
      },
    );
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on("error", (e) => resolve({ status: 0, body: "", error: e.message }));
    r.end(req.body);
  });
}

/** Counts failed answers, and a few distinct descriptions of what went wrong. */
class ErrorTally {
  count = 0;
  readonly kinds: Record<string, number> = {};

  /** Records `answer` when `isOk` says it failed. */
  check(
    answer: { status: number; body: string; error?: string },
    isOk: (status: number, body: string) => boolean,
  ): void {
    if (isOk(answer.status, answer.body)) return;
    this.count++;
    const kind = answer.error ?? `HTTP ${answer.status}: ${answer.body.slice(0, 80)}`;
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
  }
}

/**
 * A closed loop: `concurrency` requests in flight, each sender sending its next as soon as its
 * last is answered, until the time is up (bounded: it stops by itself). Requests started during
 * the warm-up are sent but not recorded.
 */
export async function runClosedLoop(opts: {
  url: string;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  next(recorded: boolean): { request: LoadRequest; onStart?(at: number): void };
  isOk(status: number, body: string): boolean;
  timeoutMs?: number;
}): Promise<LoadResult> {
  const { hostname, port } = new URL(opts.url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency, maxFreeSockets: opts.concurrency });
  const start = performance.now();
  const warmEnd = start + opts.warmupMs;
  const end = warmEnd + opts.measureMs;
  const latencies: number[] = [];
  const failures = new ErrorTally();
  let recorded = 0;
  let lastDone = warmEnd;

  const sender = async () => {
    for (let t0 = performance.now(); t0 < end; t0 = performance.now()) {
      const isRecorded = t0 >= warmEnd;
      const { request: req, onStart } = opts.next(isRecorded);
      onStart?.(t0);
      const answer = await send(agent, hostname, Number(port), req, opts.timeoutMs ?? 10_000);
      const t1 = performance.now();
      if (!isRecorded) continue;
      recorded++;
      lastDone = Math.max(lastDone, t1);
      latencies.push(t1 - t0);
      failures.check(answer, opts.isOk);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, sender));
  agent.destroy();
  const windowMs = Math.max(1, lastDone - warmEnd);
  return {
    recorded,
    latencies,
    errors: failures.count,
    errorKinds: failures.kinds,
    windowMs,
    rps: (recorded * 1000) / windowMs,
  };
}

/** Sends every request at once (a burst, as 100 reps clicking together) and times each answer. */
export async function runBurst(opts: {
  url: string;
  requests: LoadRequest[];
  onStart?(index: number, at: number): void;
  isOk(status: number, body: string): boolean;
  timeoutMs?: number;
}): Promise<{ latencies: number[]; errors: number; errorKinds: Record<string, number> }> {
  const { hostname, port } = new URL(opts.url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.requests.length });
  const failures = new ErrorTally();
  const latencies = await Promise.all(
    opts.requests.map(async (req, i) => {
      const t0 = performance.now();
      opts.onStart?.(i, t0);
      const answer = await send(agent, hostname, Number(port), req, opts.timeoutMs ?? 10_000);
      failures.check(answer, opts.isOk);
      return performance.now() - t0;
    }),
  );
  agent.destroy();
  return { latencies, errors: failures.count, errorKinds: failures.kinds };
}

/**
 * An open loop: requests at a fixed rate, whatever the answers do, as a carrier delivers texts
 * as they arrive. Every request is recorded.
 */
export async function runOpenLoop(opts: {
  url: string;
  ratePerSecond: number;
  durationMs: number;
  next(): { request: LoadRequest; onStart?(at: number): void };
  isOk(status: number, body: string): boolean;
  timeoutMs?: number;
}): Promise<{ sent: number; latencies: number[]; errors: number; errorKinds: Record<string, number> }> {
  const { hostname, port } = new URL(opts.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const latencies: number[] = [];
  const failures = new ErrorTally();
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const interval = 1000 / opts.ratePerSecond;
  for (let i = 0; start + i * interval < start + opts.durationMs; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { request: req, onStart } = opts.next();
    const t0 = performance.now();
    onStart?.(t0);
    pending.push(
      send(agent, hostname, Number(port), req, opts.timeoutMs ?? 10_000).then((answer) => {
        latencies.push(performance.now() - t0);
        failures.check(answer, opts.isOk);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return { sent: pending.length, latencies, errors: failures.count, errorKinds: failures.kinds };
}
