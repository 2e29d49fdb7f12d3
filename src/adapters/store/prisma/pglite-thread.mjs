// The embedded database's own thread: PGlite runs here, so Baton's main thread (HTTP, Slack,
// the brain) never waits while PostgreSQL executes a statement. Plain JavaScript, so the same
// file runs under tsx, the tests and the built image. Values go back unparsed, with each
// column's type: the main thread parses them as the caller asked (pglite-thread.ts).
import { parentPort, workerData } from "node:worker_threads";
import { messages, PGlite, types } from "@electric-sql/pglite";

/** Every known type read as its text: parsers are functions, which cannot cross threads. */
const RAW = Object.fromEntries(Object.keys(types.parsers).map((oid) => [oid, (text) => text]));

const { dataDir, options } = workerData;
const pglite = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
/** Open transactions: the statements of each run inside PGlite's transaction, until commit or rollback. */
const transactions = new Map();
let nextTransaction = 1;

function plain(result) {
  return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
}

/** An error as plain data (only what can cross threads): the main thread makes it an Error again. */
function errorOf(error) {
  const fields = {};
  if (error && typeof error === "object")
    for (const [key, value] of Object.entries(error))
      if (value === null || ["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
  return {
    ...fields,
    message: error instanceof Error ? error.message : String(error),
    name: error instanceof Error ? error.name : "Error",
    stack: error instanceof Error ? error.stack : undefined,
    databaseError: error instanceof messages.DatabaseError,
  };
}

/** Opens a transaction and holds it open (PGlite keeps other statements waiting) until `end`. */
function begin() {
  const id = nextTransaction++;
  return new Promise((started, failed) => {
    let finish;
    const decided = new Promise((resolve) => (finish = resolve));
    const result = pglite.transaction(async (tx) => {
      transactions.set(id, { tx, finish, result });
      started(id);
      if ((await decided) === "rollback") await tx.rollback();
    });
    // Before it started, a failure is the begin's; after, it is the commit's (see end).
    result.catch(failed);
  });
}

async function end(id, how) {
  const entry = transactions.get(id);
  if (!entry) throw new Error(`no open transaction ${id}`);
  transactions.delete(id);
  entry.finish(how);
  await entry.result;
}

const target = (id) => {
  if (id === undefined) return pglite;
  const entry = transactions.get(id);
  if (!entry) throw new Error(`no open transaction ${id}`);
  return entry.tx;
};

async function handle(message) {
  switch (message.op) {
    case "query":
      return plain(await target(message.tx).query(message.sql, message.params, { rowMode: "array", parsers: RAW }));
    case "exec":
      // A script's rows keep PGlite's own parsing here (exec takes no parsers); they cross as they are.
      return (await target(message.tx).exec(message.sql)).map(plain);
    case "begin":
      return begin();
    case "commit":
      return end(message.tx, "commit");
    case "rollback":
      return end(message.tx, "rollback");
    case "close":
      await pglite.close();
      return undefined;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

const answer = (id, ok, payload) => {
  try {
    parentPort.postMessage(ok ? { id, ok, result: payload } : { id, ok, error: errorOf(payload) });
  } catch (error) {
    // What cannot cross threads is the caller's error, never a silence it would wait on forever.
    parentPort.postMessage({ id, ok: false, error: errorOf(error) });
  }
};

parentPort.on("message", (message) => {
  handle(message).then(
    (result) => answer(message.id, true, result),
    (error) => answer(message.id, false, error),
  );
});

pglite.waitReady.then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ ready: false, error: errorOf(error) }),
);
