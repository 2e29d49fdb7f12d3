import { defineConfig } from "prisma/config";

// The CLI is used here only for `generate`; migrations run through the WebAssembly
// schema engine (src/adapters/store/prisma/schema-engine.ts), which needs no download.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
