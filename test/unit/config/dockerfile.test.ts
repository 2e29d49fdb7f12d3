import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The image's contract, read from the Dockerfile (this machine has no Docker daemon): what an
 * IT person running `docker run --env-file .env -v baton-data:/data baton` relies on.
 */
const dockerfile = readFileSync("Dockerfile", "utf8");
const last = (directive: string) => [...dockerfile.matchAll(new RegExp(`^${directive}\\s+(.+)$`, "gm"))].at(-1)?.[1];

describe("the Docker image", () => {
  it("runs node as PID 1 (exec form, no shell), so SIGTERM reaches Baton and it shuts down gracefully", () => {
    const command = JSON.parse(last("CMD")!) as string[];
    expect(command[0]).toBe("node");
    expect(command).not.toContain("sh");
    expect(last("ENTRYPOINT")).toBeUndefined();
  });

  it("starts Baton as `npm start` does, so what was tried on a laptop is what runs in the image", () => {
    const command = JSON.parse(last("CMD")!) as string[];
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(command.join(" ")).toBe(scripts.start);
  });

  it("is built on a supported Node LTS (22 or 24), both stages", () => {
    const bases = [...dockerfile.matchAll(/^FROM\s+node:(\d+)/gm)].map((m) => Number(m[1]));
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const major of bases) expect([22, 24]).toContain(major);
  });

  it("keeps the embedded database on the /data volume even when DATABASE_URL comes in blank", () => {
    expect(dockerfile).toMatch(/ln -s \/data \/app\/data/);
    expect(dockerfile).toMatch(/VOLUME \["\/data"\]/);
  });
});
