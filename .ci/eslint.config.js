// Baton's lint (npm run lint): the boundaries the architecture depends on, checked on every CI run.
// Kept in .ci/ because the top level of the repository holds only what the project lists.
// The core (src/core) is plain TypeScript: no vendor SDK, no adapter, no runtime wiring. A new
// channel is a new adapter, never an import in the core. Pure helpers without I/O (zod for
// shapes, luxon for time zones) are allowed there. (Formatting is Prettier's: npm run format.)
import tseslint from "typescript-eslint";

/** What src/core may never import: vendor packages and the outer layers. */
const OUTSIDE_THE_CORE = [
  {
    group: ["@slack/*", "twilio", "twilio/*", "openai", "openai/*", "@microsoft/*", "botbuilder", "botbuilder-*"],
    message: "src/core is vendor-free: put SDK code in an adapter behind a port.",
  },
  {
    group: [
      "@prisma/*",
      "pg",
      "@electric-sql/*",
      "express",
      "node-cron",
      "libphonenumber-js",
      "fast-xml-parser",
      "pino",
    ],
    message: "src/core is vendor-free: put this library behind a port in src/adapters.",
  },
  {
    group: [
      "**/adapters/**",
      "**/runtime/**",
      "**/http/**",
      "**/config/**",
      "**/cli/**",
      "**/bench/**",
      "**/app.js",
      "**/main.js",
    ],
    message: "src/core depends on nothing outside it: the outer layers depend on the core, never the reverse.",
  },
];

/** The browser's globals the sandbox page uses (the language's own, such as Date or Intl, come with ESLint). */
const BROWSER_GLOBALS = {
  alert: "readonly",
  document: "readonly",
  EventSource: "readonly",
  fetch: "readonly",
  requestAnimationFrame: "readonly",
  setInterval: "readonly",
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "src/adapters/store/prisma/generated/**"] },
  {
    files: ["src/**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    rules: {},
  },
  {
    files: ["src/core/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: OUTSIDE_THE_CORE }] },
  },
  {
    // The sandbox page: plain ES modules for the browser, served as written (tsc checks their JSDoc
    // types). A misspelt name or a leftover variable fails here, not in the demo.
    files: ["src/adapters/sandbox/page/**/*.js"],
    languageOptions: { sourceType: "module", globals: BROWSER_GLOBALS },
    rules: { "no-undef": "error", "no-unused-vars": "error" },
  },
);
