import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { messages, types, type PGlite, type PGliteOptions, type Results, type Transaction } from "@electric-sql/pglite";
import type { StatementCounter } from "./statement-counter.js";

type QueryOptions = Parameters<PGlite["query"]>[2];
type RawResults = { rows: unknown[][]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };
type Request = { op: "query" | "exec" | "begin" | "commit" | "rollback" | "close"; tx?: number } & Record<
  string,
  unknown
>;

/**
 * PGlite in a worker thread, behind the part of PGlite's API that Baton's store, its Prisma
 * adapter and its migrations use (query, exec, transaction, close). PGlite executes every
 * statement synchronously on the thread that owns it; here that thread is not Baton's, so
 * webhooks, Slack and the brain go on while the database works.
 */
export class PGliteThread {
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private closed?: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    private readonly counter?: StatementCounter,
  ) {
    worker.on("message", (message: { id?: number; ok?: boolean; result?: unknown; error?: SentError }) => {
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id!);
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(rebuildError(message.error!));
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => this.failAll(new Error(`the database thread exited (${code})`)));
  }

  /** Starts the thread and opens the database (`dataDir` absent: in memory). */
  static async open(dataDir: string | undefined, options: PGliteOptions, counter?: StatementCounter) {
    const modules = await compiledModules();
    const worker = new Worker(new URL("./pglite-thread.mjs", import.meta.url), {
      workerData: { dataDir, options: { ...options, ...modules } },
      // The thread has only PGlite to run: no TypeScript loader or inspector flags of the parent.
      execArgv: [],
    });
    const ready = await new Promise<{ ready: boolean; error?: SentError }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the database thread exited (${code}) before it was ready`)));
    });
    if (!ready.ready) {
      await worker.terminate();
      throw rebuildError(ready.error!);
    }
    return new PGliteThread(worker, counter);
  }

  /** This thread as the PGlite its users expect (they call only what is implemented here). */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }

  readonly waitReady = Promise.resolve();

  async query<T>(sql: string, params?: unknown[], options?: QueryOptions, tx?: number): Promise<Results<T>> {
    this.count();
    const raw = (await this.send({ op: "query", sql, params: params ?? [], tx })) as RawResults;
    return parse<T>(raw, options);
  }

  /** A script's results, parsed on the database's thread (a script's rows are rarely read: migrations, Prisma's executeScript). */
  async exec(sql: string, tx?: number): Promise<Results[]> {
    this.count();
    return (await this.send({ op: "exec", sql, tx })) as Results[];
  }

  /** BEGIN, the callback's statements (on the transaction), then COMMIT; ROLLBACK when it throws or asks to. */
  async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    this.count(2);
    const id = (await this.send({ op: "begin" })) as number;
    let ended: "rollback" | undefined;
    const tx = {
      query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => this.query<R>(sql, params, options, id),
      exec: (sql: string) => this.exec(sql, id),
      rollback: async () => {
        ended = "rollback";
        await this.send({ op: "rollback", tx: id });
      },
      get closed() {
        return ended !== undefined;
      },
    } as unknown as Transaction;
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      if (!ended) await this.send({ op: "rollback", tx: id }).catch(() => {});
      throw error;
    }
    if (!ended) await this.send({ op: "commit", tx: id });
    return result;
  }

  close(): Promise<void> {
    this.closed ??= this.send({ op: "close" })
      .catch(() => {})
      .then(async () => {
        await this.worker.terminate();
      });
    return this.closed;
  }

  private count(n = 1): void {
    if (this.counter) this.counter.count += n;
  }

  private send(request: Request): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/**
 * PostgreSQL's WebAssembly, compiled once per process and handed to each thread: compiling it is
 * most of a second, which every database opened (each test's Baton) would otherwise pay again.
 */
let compiling: Promise<Pick<PGliteOptions, "pgliteWasmModule" | "initdbWasmModule">> | undefined;
function compiledModules() {
  compiling ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    // The global WebAssembly object: this project's TypeScript libraries (no DOM) declare only its types.
    const { compile } = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } })
      .WebAssembly;
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all(
      ["pglite.wasm", "initdb.wasm"].map(async (file) => compile(await readFile(path.join(dist, file)))),
    );
    return { pgliteWasmModule, initdbWasmModule } as Pick<PGliteOptions, "pgliteWasmModule" | "initdbWasmModule">;
  })();
  return compiling;
}

type SentError = Record<string, unknown> & { message: string; name: string; stack?: string; databaseError: boolean };

/** A DatabaseError is one again on this side, so callers (Prisma's adapter) recognise it. */
function rebuildError(sent: SentError): Error {
  const { databaseError, ...fields } = sent;
  const error: Error = Object.create(databaseError ? messages.DatabaseError.prototype : Error.prototype);
  return Object.assign(error, fields);
}

/** Values parsed as PGlite would have on its own thread, with the caller's parsers first. */
function parse<T>(raw: RawResults, options: QueryOptions): Results<T> {
  const parsers = options?.parsers;
  const fields = raw.fields;
  const rows = raw.rows.map((row) =>
    row.map((value, i) => types.parseType(value as string | null, fields[i]!.dataTypeID, parsers)),
  );
  const shaped =
    options?.rowMode === "array"
      ? rows
      : rows.map((row) => Object.fromEntries(fields.map((field, i) => [field.name, row[i]])));
  return { rows: shaped as T[], fields, affectedRows: raw.affectedRows };
}
