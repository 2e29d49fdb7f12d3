// `npm run build`: tsc compiles the TypeScript; the files the running service reads beside its
// code are copied here: the sandbox page and the text judge's trained model.
import { cpSync } from "node:fs";

const ASSETS = [
  "adapters/sandbox/page",
  "adapters/judge/ngram/model.json",
  // The embedded database's thread: plain JavaScript, loaded by file name (see pglite-thread.ts).
  "adapters/store/prisma/pglite-thread.mjs",
];
for (const asset of ASSETS) cpSync(`src/${asset}`, `dist/${asset}`, { recursive: true });
