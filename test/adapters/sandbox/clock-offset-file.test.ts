import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { clockOffsetFile, clockOffsetPath } from "../../../src/adapters/sandbox/clock-offset-file.js";
import { silentLogger } from "../../../src/core/ports/logger.js";
import { recordingLogger } from "../../helpers/recording-logger.js";

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("the sandbox's fast-clock offset, kept across restarts", () => {
  it("lives in the embedded database's directory, and nowhere for a database without one", () => {
    expect(clockOffsetPath("file:/srv/baton/db")).toBe("/srv/baton/db/sandbox-clock.json");
    expect(clockOffsetPath(undefined)).toBe(resolve("data/baton/sandbox-clock.json")); // npm start's default
    expect(clockOffsetPath("memory:")).toBeUndefined(); // forgets everything on a restart, the clock too
    expect(clockOffsetPath("postgresql://baton@127.0.0.1:5432/baton")).toBeUndefined();
    expect(clockOffsetPath("mysql://nope")).toBeUndefined(); // reported when the database opens
  });

  it("reads back what it saved; real time (0) when nothing was saved or the file is unreadable", () => {
    dir = mkdtempSync(join(tmpdir(), "baton-clock-"));
    const file = join(dir, "sandbox-clock.json");
    const offsets = clockOffsetFile(file, silentLogger);
    expect(offsets.read()).toBe(0);
    offsets.save(3_600_000);
    expect(clockOffsetFile(file, silentLogger).read()).toBe(3_600_000);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ offsetMs: 3_600_000 });
    writeFileSync(file, "{ half a fi");
    expect(offsets.read()).toBe(0);
    writeFileSync(file, JSON.stringify({ offsetMs: -5 }));
    expect(offsets.read()).toBe(0);
  });

  it("does not stop the clock when the offset cannot be saved; it says so", () => {
    const logger = recordingLogger();
    clockOffsetFile("/nonexistent-dir/for/sure/sandbox-clock.json", logger).save(300_000);
    expect(logger.find("warn", "could not be saved")).toBeDefined();
    expect(clockOffsetFile(undefined, logger).read()).toBe(0);
  });
});
