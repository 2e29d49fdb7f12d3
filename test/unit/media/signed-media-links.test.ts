import { describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/adapters/clock/manual-clock.js";
import { SignedMediaLinks } from "../../../src/http/media/signed-media-links.js";

const SECRET = "k".repeat(40);

describe("signed media links", () => {
  const clock = new ManualClock("2026-03-03T16:00:00Z");
  const links = new SignedMediaLinks(SECRET, "https://baton.example", 3600_000, clock);
  const parts = (url: string) => {
    const u = new URL(url);
    return [
      decodeURIComponent(u.pathname.split("/").pop()!),
      u.searchParams.get("e") ?? undefined,
      u.searchParams.get("s") ?? undefined,
    ] as const;
  };

  it("a link works for its id until it expires, and not after", () => {
    const [id, e, s] = parts(links.urlFor("abc"));
    expect(links.verify(id, e, s)).toBe(true);
    expect(links.verify("abd", e, s)).toBe(false);
    clock.advance(3600_000);
    expect(links.verify(id, e, s)).toBe(false);
  });

  it("a changed expiry, a signature from another key, or none, fails", () => {
    const [id, e, s] = parts(links.urlFor("abc"));
    expect(links.verify(id, String(Number(e) + 60), s)).toBe(false);
    const other = new SignedMediaLinks("o".repeat(40), "https://baton.example", 3600_000, clock);
    const [, e2, s2] = parts(other.urlFor("abc"));
    expect(links.verify(id, e2, s2)).toBe(false);
    expect(links.verify(id, e, undefined)).toBe(false);
    expect(links.verify(id, "1e99", s)).toBe(false);
  });
});
