import { errorBody, reply, type FakeReply, type RecordedRequest } from "./fake-openai-server.js";

/**
 * A "model" that misbehaves on purpose, behind the fake OpenAI server: tests (and the CLI)
 * point the real SDK at it to see whether Baton's guardrails and fallbacks hold when the
 * answer is valid JSON but bad advice, or not an answer at all.
 *
 *   fake.respondWith(hostileModel("never-hands-off"));
 */

/** Also the CLI's list of valid --mode values. */
export const HOSTILE_MODES = [
  "never-hands-off",
  "says",
  "hands-off-everything",
  "revokes",
  "slow",
  "rate-limited",
  "server-error",
  "junk",
] as const;

export type HostileMode = (typeof HOSTILE_MODES)[number];

export interface HostileOptions {
  /** "says": the replies to send, one per request, cycled. */
  replies?: readonly string[];
  /** "says": the disposition to claim (default "answer"). */
  disposition?: "answer" | "follow_up" | "handoff";
  /** "slow": how long to stall before answering (default 20 s, past Baton's usual timeout). */
  delayMs?: number;
  /** "rate-limited": the retry-after header, in seconds (default 30). */
  retryAfterSeconds?: number;
}

export const NEVER_HANDS_OFF_REPLY = {
  en: "Come on in and we'll take great care of you!",
  es: "¡Venga a vernos y lo atendemos con mucho gusto!",
} as const;

export const HANDOFF_REPLY = "A person from our team will follow up shortly.";

/** Replies that pretend to be a named person: the rules forbid it, so a guard should catch it. */
export const PERSONA_REPLIES: readonly string[] = [
  "Hi, this is Mike from the sales team! Stop by anytime today and ask for me.",
  "Yes, I'm a real person! My name is Jessica and I've worked here for ten years.",
  "Hola, soy Carlos del equipo de ventas. ¡Con gusto le ayudo hoy mismo!",
  "Buenas tardes, le habla María, su asesora. ¿En qué le puedo ayudar?",
];

/** Contact details that are not the dealership's own: where a hijacked model would send people. */
export const FOREIGN_CONTACT_REPLIES: readonly string[] = [
  "Get pre-approved in minutes with our credit application: https://quick-auto-credit-apply.com/start",
  "It's easier to reach me directly, call my cell 214-555-0187.",
  "Bring the car to our other lot at 2290 Harwood Rd, Bedford, TX 76021.",
  "Send your documents to mike.deals.autos@gmail.com and I'll take it from there.",
  "Para más información escríbame por WhatsApp al +1 (469) 555-0142.",
  "See this week's specials here: bit.ly/3kR9xQz",
];

/** What the model should have been sent: the newest text, without its <customer_text> wrapper. */
export function customerTextOf(request: RecordedRequest): string | undefined {
  const messages: Array<{ role?: string; content?: unknown }> = request.body?.messages ?? [];
  const last = messages.filter((m) => m.role === "user").at(-1);
  if (!last) return undefined;
  const text = textOf(last.content);
  const wrapped = /<customer_text>\n?([\s\S]*?)\n?<\/customer_text>/.exec(text);
  return wrapped ? wrapped[1] : text;
}

/** The reply language the CONTEXT message asks for; undefined when there is none. */
export function languageOf(request: RecordedRequest): "en" | "es" | undefined {
  const messages: Array<{ role?: string; content?: unknown }> = request.body?.messages ?? [];
  // The last context wins: history never holds one, but a later prompt layout might.
  const context = messages
    .filter((m) => m.role === "system")
    .map((m) => textOf(m.content))
    .filter((c) => c.startsWith("CONTEXT FOR THIS TEXT"))
    .at(-1);
  const name = context && /The customer's language: (\w+)\./.exec(context)?.[1];
  return name === "Spanish" ? "es" : name === "English" ? "en" : undefined;
}

/**
 * A complete, schema-valid answer (TriageSchema plus `revokesConsent`), calm and from sales,
 * so each mode changes only the fields it is about.
 */
export function validAnswer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    department: "sales",
    intent: "general_question",
    disposition: "answer",
    handoffReason: null,
    reason: "Answered from the facts.",
    reply: NEVER_HANDS_OFF_REPLY.en,
    lead: {
      name: null,
      email: null,
      vehicle: null,
      timing: null,
      timingAt: null,
      tradeIn: null,
      preferredContactTime: null,
    },
    frustration: 0,
    summary: "Customer texted a question; the assistant answered it.",
    revokesConsent: false,
    ...overrides,
  };
}

export function hostileModel(mode: HostileMode, options: HostileOptions = {}): (request: RecordedRequest) => FakeReply {
  switch (mode) {
    case "never-hands-off":
      return neverHandsOff;
    case "says": {
      const replies = options.replies ?? [];
      if (replies.length === 0) throw new Error('hostileModel("says") needs options.replies');
      const disposition = options.disposition ?? "answer";
      let turn = 0; // per instance, so two tests never share a position in the list
      return () =>
        reply.ok(
          validAnswer({
            disposition,
            handoffReason: disposition === "handoff" ? "cannot_answer" : null,
            reply: replies[turn++ % replies.length],
          }),
        );
    }
    case "hands-off-everything":
      return () =>
        reply.ok(
          validAnswer({
            disposition: "handoff",
            handoffReason: "cannot_answer",
            reason: "Model hands everything to a person.",
            reply: HANDOFF_REPLY,
          }),
        );
    case "revokes":
      return () => reply.ok(validAnswer({ revokesConsent: true, reply: "Thanks for your message." }));
    case "slow": {
      const delayMs = options.delayMs ?? 20_000;
      return (request) => ({ ...neverHandsOff(request), delayMs });
    }
    case "rate-limited": {
      const seconds = String(options.retryAfterSeconds ?? 30);
      return () => ({ ...reply.status(429), headers: { "retry-after": seconds } });
    }
    case "server-error":
      return () => reply.status(500, errorBody(500));
    case "junk": {
      let turn = 0;
      return () => JUNK[turn++ % JUNK.length]!();
    }
  }
}

function neverHandsOff(request: RecordedRequest): FakeReply {
  return reply.ok(validAnswer({ reply: NEVER_HANDS_OFF_REPLY[languageOf(request) ?? "en"] }));
}

/** 200s that carry no usable answer, in the order "junk" cycles through them. */
const JUNK: ReadonlyArray<() => FakeReply> = [
  () => reply.malformedJson(),
  () => reply.ok({ department: "sales", reply: "Sure thing!" }), // valid JSON, most fields missing
  () => reply.refusal("I'm sorry, I can't help with that."),
  () => reply.noChoices(),
  () => reply.rawContent("<html><body><h1>502 Bad Gateway</h1></body></html>"),
  () => reply.ok(validAnswer({ frustration: "very high" })), // wrong type
];

/** Content may be a string or, in newer SDK shapes, an array of text parts. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}
