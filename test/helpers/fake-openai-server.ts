import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for the OpenAI Chat Completions endpoint, so tests run the real SDK
 * (retries, timeouts, error classes, structured-output parsing) without the network.
 * Replies follow the wire format of POST /v1/chat/completions, `usage` details included.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  /** The parsed JSON body, as the SDK sent it. */
  body: any;
}

/** One HTTP answer: a status, a JSON (or raw) body and an optional delay before sending it. */
export interface FakeReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
}

/** Builders for replies, for `respondWith` and `delay(ms, then)`. */
export const reply = {
  /** A structured answer: `answer` is serialised into the assistant message's content. */
  ok(answer: unknown, usage?: Partial<FakeUsage>): FakeReply {
    return completion({ content: JSON.stringify(answer), refusal: null }, usage);
  },
  /** Content cut off mid-object, as a broken proxy or model might send it. */
  malformedJson(): FakeReply {
    return completion({ content: '{"department": "sales", "intent": "test_dr', refusal: null });
  },
  /** How OpenAI reports a safety refusal under Structured Outputs: no content, a refusal. */
  refusal(text: string): FakeReply {
    return completion({ content: null, refusal: text });
  },
  /** Any string as the assistant's content, e.g. HTML or prose where JSON belongs. */
  rawContent(content: string): FakeReply {
    return completion({ content, refusal: null });
  },
  /** A 200 whose `choices` is empty, as some gateways answer when the model yields nothing. */
  noChoices(): FakeReply {
    const done = completion({ content: null, refusal: null });
    return { ...done, body: { ...(done.body as object), choices: [] } };
  },
  status(code: number, body: unknown = errorBody(code)): FakeReply {
    return { status: code, body, headers: code === 429 ? { "retry-after": "1" } : {} };
  },
};

export interface FakeOpenAi {
  /** Pass as `baseURL` to the SDK. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Answers requests when the queue is empty. */
  respondWith(handler: (request: RecordedRequest) => FakeReply): void;
  /** Queue one reply each; requests take them in order. */
  ok(answer: unknown, usage?: Partial<FakeUsage>): void;
  malformedJson(): void;
  refusal(text: string): void;
  /** Wait `ms` before answering with `then` (default: a 200 the test expects nobody to read). */
  delay(ms: number, then?: FakeReply): void;
  status(code: number, body?: unknown): void;
  /** Drops open connections and pending delays too, so a timed-out test can't hang. */
  close(): Promise<void>;
}

/** `port` 0 (the default) picks a free one; the CLI passes a fixed one so a person can reuse the URL. */
export async function startFakeOpenAi(options: { port?: number } = {}): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let handler: ((request: RecordedRequest) => FakeReply) | undefined;

  const server = createServer(async (req, res) => {
    const request: RecordedRequest = { method: req.method ?? "GET", path: req.url ?? "/", body: await readJson(req) };
    requests.push(request);
    const next =
      queue.shift() ?? handler?.(request) ?? reply.status(501, errorBody(501, "fake-openai: nothing queued"));
    const requestId = `req_fake${requests.length}`;
    if (!next.delayMs) return send(res, next, requestId);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) send(res, next, requestId);
    }, next.delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject); // a taken port must fail loudly, not hang
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    respondWith: (h) => void (handler = h),
    ok: (answer, usage) => void queue.push(reply.ok(answer, usage)),
    malformedJson: () => void queue.push(reply.malformedJson()),
    refusal: (text) => void queue.push(reply.refusal(text)),
    delay: (ms, then = reply.ok({})) => void queue.push({ ...then, delayMs: ms }),
    status: (code, body) => void queue.push(reply.status(code, body)),
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

let sequence = 0;

function completion(
  message: { content: string | null; refusal: string | null },
  usage: Partial<FakeUsage> = {},
): FakeReply {
  const prompt = usage.prompt_tokens ?? 1200;
  const output = usage.completion_tokens ?? 90;
  return {
    status: 200,
    body: {
      id: `chatcmpl-fake${++sequence}`,
      object: "chat.completion",
      created: 1_767_225_600,
      model: "gpt-fake",
      choices: [
        {
          index: 0,
          message: { role: "assistant", ...message, annotations: [] },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: prompt,
        completion_tokens: output,
        total_tokens: prompt + output,
        prompt_tokens_details: { cached_tokens: usage.cached_tokens ?? 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: "default",
      system_fingerprint: "fp_fake",
    },
  };
}

/** OpenAI's error envelope: `{ error: { message, type, param, code } }`. */
export function errorBody(code: number, message?: string): unknown {
  if (code === 429) {
    return {
      error: {
        message: message ?? "Rate limit reached for requests",
        type: "requests",
        param: null,
        code: "rate_limit_exceeded",
      },
    };
  }
  return {
    error: {
      message: message ?? "The server had an error while processing your request. Sorry about that!",
      type: code >= 500 ? "server_error" : "invalid_request_error",
      param: null,
      code: null,
    },
  };
}

function send(res: ServerResponse, next: FakeReply, requestId: string): void {
  const raw = typeof next.body === "string" ? next.body : JSON.stringify(next.body);
  res.writeHead(next.status, {
    "content-type": "application/json",
    "x-request-id": requestId,
    ...next.headers,
  });
  res.end(raw);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text; // recorded as is; the test's assertions will show it
  }
}
