import { parseArgs } from "node:util";
import { startFakeOpenAi } from "./fake-openai-server.js";
import {
  FOREIGN_CONTACT_REPLIES,
  HOSTILE_MODES,
  hostileModel,
  PERSONA_REPLIES,
  type HostileMode,
} from "./hostile-model.js";

/**
 * Runs the fake OpenAI server with one hostile mode, so a person can aim the eval (or Baton)
 * at a misbehaving model by hand:
 *
 *   npx tsx test/helpers/fake-openai-cli.ts --mode never-hands-off --port 8787
 *   OPENAI_API_KEY=x OPENAI_BASE_URL=http://127.0.0.1:8787/v1 npm run eval -- --brain openai
 *
 * "says" takes --replies persona|foreign-contact (default persona).
 */

const USAGE = `usage: fake-openai-cli --mode <${HOSTILE_MODES.join("|")}> [--port N] [--replies persona|foreign-contact] [--delay-ms N] [--retry-after S]`;

const { values } = parseArgs({
  options: {
    mode: { type: "string" },
    port: { type: "string", default: "0" },
    replies: { type: "string", default: "persona" },
    "delay-ms": { type: "string" },
    "retry-after": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

const mode = values.mode as HostileMode | undefined;
if (values.help || !mode || !(HOSTILE_MODES as readonly string[]).includes(mode)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const lists: Record<string, readonly string[]> = {
  persona: PERSONA_REPLIES,
  "foreign-contact": FOREIGN_CONTACT_REPLIES,
};
const replies = lists[values.replies];
if (!replies) {
  console.error(`unknown --replies ${values.replies}\n${USAGE}`);
  process.exit(2);
}

const fake = await startFakeOpenAi({ port: Number(values.port) });
fake.respondWith(
  hostileModel(mode, {
    replies,
    delayMs: values["delay-ms"] === undefined ? undefined : Number(values["delay-ms"]),
    retryAfterSeconds: values["retry-after"] === undefined ? undefined : Number(values["retry-after"]),
  }),
);
// stdout carries only the URL, so a script can capture it; chatter goes to stderr.
console.log(fake.baseURL);
console.error(`fake OpenAI (${mode}) listening; Ctrl-C to stop`);

const stop = async () => {
  console.error(`stopping after ${fake.requests.length} request(s)`);
  await fake.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
