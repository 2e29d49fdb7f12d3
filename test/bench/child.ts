import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

// Bench processes talk over Node's IPC channel: {id, cmd, args} → {id, result | error}. A child
// first sends {ready: info}. Each is its own process, so the load generator, the server under
// test and the fake outside world never share one event loop.

type Handlers = Record<string, (args: any) => unknown>;

export interface BenchChild<Ready> {
  ready: Ready;
  pid: number;
  call<T = unknown>(cmd: string, args?: unknown): Promise<T>;
  /** Asks the child to close (cmd "close"), then waits for it to exit; kills it after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts `test/bench/<name>.ts` under tsx. `settings` reach it as one JSON argument (read with
 * `parentSettings`), not as environment variables: they are plumbing, not configuration.
 */
export async function startChild<Ready>(
  name: string,
  options: {
    settings?: Record<string, string>;
    execArgv?: string[];
    env?: Record<string, string>;
    readyTimeoutMs?: number;
  } = {},
): Promise<BenchChild<Ready>> {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const child: ChildProcess = fork(file, [JSON.stringify(options.settings ?? {})], {
    execArgv: ["--import", "tsx", ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  let seq = 0;
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
  void exited.then((code) => {
    for (const p of pending.values()) p.reject(new Error(`bench process ${name} exited (${code})`));
    pending.clear();
  });

  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bench process ${name} not ready within ${options.readyTimeoutMs ?? 120_000} ms`)),
      options.readyTimeoutMs ?? 120_000,
    );
    child.on("message", (raw) => {
      const m = raw as { ready?: Ready; id?: number; result?: unknown; error?: string };
      if (m.ready !== undefined) {
        clearTimeout(timer);
        resolve(m.ready);
        return;
      }
      const p = m.id !== undefined ? pending.get(m.id) : undefined;
      if (!p) return;
      pending.delete(m.id!);
      if (m.error !== undefined) p.reject(new Error(`${name}: ${m.error}`));
      else p.resolve(m.result);
    });
    void exited.then(
      (code) => (clearTimeout(timer), reject(new Error(`bench process ${name} exited (${code}) before it was ready`))),
    );
  });

  return {
    ready,
    pid: child.pid!,
    call<T>(cmd: string, args?: unknown) {
      return new Promise<T>((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, args });
      });
    },
    async stop(timeoutMs = 30_000) {
      if (child.exitCode !== null) return;
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.send({ id: ++seq, cmd: "close" });
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child's side: answers commands; "close" runs `handlers.close` (if any), then exits. */
/** What the parent passed to `startChild` as `settings`. */
export function parentSettings(): Record<string, string> {
  return JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
}

export function serveParent(ready: unknown, handlers: Handlers): void {
  if (!process.send) throw new Error("a bench process must be started by npm run bench (no IPC channel)");
  process.on("message", (raw) => {
    const { id, cmd, args } = raw as { id: number; cmd: string; args: unknown };
    void (async () => {
      try {
        const handler = handlers[cmd];
        if (!handler && cmd !== "close") throw new Error(`unknown command ${cmd}`);
        const result = handler ? await handler(args) : undefined;
        if (cmd === "close") {
          process.disconnect?.();
          process.exit(0);
        }
        process.send!({ id, result });
      } catch (error) {
        process.send!({ id, error: (error as Error)?.stack ?? String(error) });
        if (cmd === "close") process.exit(1);
      }
    })();
  });
  // The parent died: nothing left to serve.
  process.on("disconnect", () => process.exit(0));
  process.send({ ready });
}

/** CPU seconds used by this process so far (user + system). */
export function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
