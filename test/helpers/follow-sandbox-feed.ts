/** An event as GET /sandbox/api/events sends it (see src/adapters/sandbox/sandbox-feed.ts). */
export type FeedEvent = { type: string; id: number; [key: string]: unknown };

export interface FeedFollower {
  events: FeedEvent[];
  /** Resolves with the first event (already seen or still to come) that matches. */
  waitFor(match: (event: FeedEvent) => boolean, timeoutMs?: number): Promise<FeedEvent>;
  stop(): void;
}

/** Reads the sandbox's server-sent events the way the page's EventSource does. */
export async function followSandboxFeed(url: string): Promise<FeedFollower> {
  const events: FeedEvent[] = [];
  const waiters: { match: (e: FeedEvent) => boolean; resolve: (e: FeedEvent) => void }[] = [];
  const abort = new AbortController();
  const res = await fetch(`${url}/sandbox/api/events`, { signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const data = buffer
            .slice(0, end)
            .split("\n")
            .find((line) => line.startsWith("data: "));
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const event = JSON.parse(data.slice(6)) as FeedEvent;
          events.push(event);
          for (const w of waiters.splice(0)) w.match(event) ? w.resolve(event) : waiters.push(w);
        }
      }
    } catch {
      // aborted by stop()
    }
  })();
  return {
    events,
    waitFor(match, timeoutMs = 5000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching sandbox event within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(", ")}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    stop: () => abort.abort(),
  };
}
