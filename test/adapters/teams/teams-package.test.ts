import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  AppPackageError,
  buildAppPackage,
  TEMPLATE_DIR,
} from "../../../src/adapters/staff-chat/teams/app-package/build-app-package.js";
import {
  manifestProblem,
  MANIFEST_VERSION,
} from "../../../src/adapters/staff-chat/teams/app-package/check-manifest.js";
import { encodePng, readPngHeader } from "../../../src/adapters/staff-chat/teams/app-package/png.js";
import { ManifestUtil } from "@microsoft/app-manifest";
import { readZip } from "../../helpers/read-zip.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const APP_ID = "3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b";
const run = promisify(execFile);

/**
 * Microsoft's own JSON schema for a manifest version and Microsoft's validator, both from the
 * @microsoft/app-manifest package (no download). The "\a" fix is the one the package applies to
 * the schema it fetches (an invalid regex escape in the published schema).
 */
function officialSchemaErrors(manifest: { manifestVersion: string }): Promise<string[]> | string[] {
  const file = path.join(
    ROOT,
    "node_modules/@microsoft/app-manifest/build/json-schemas/teams",
    `v${manifest.manifestVersion}`,
    "MicrosoftTeams.schema.json",
  );
  const schema = JSON.parse(readFileSync(file, "utf8").replace(/\\a/g, "\\x07"));
  return ManifestUtil.validateManifestAgainstSchema(manifest as never, schema);
}

function teamsPackage(env: Record<string, string>, out: string) {
  return run("npm", ["run", "--silent", "teams:package", "--", out], {
    cwd: ROOT,
    env: { ...process.env, TEAMS_APP_ID: "", PUBLIC_URL: "", ...env },
  });
}

/** RGBA pixels of a PNG Baton wrote (one IDAT, filter type 0 on every row). */
function pixels(png: Buffer): { width: number; rgba: Buffer } {
  const { width, height } = readPngHeader(png)!;
  const idat = png.indexOf("IDAT", 8, "latin1");
  const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    rows.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, rgba };
}

describe("npm run teams:package", () => {
  it("writes a zip with a manifest valid for the schema version it declares, and both icons at Teams' sizes", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "baton-teams-")), "teams-app.zip");
    const { stdout } = await teamsPackage(
      { TEAMS_APP_ID: APP_ID, PUBLIC_URL: "https://baton.maple-ridge.example/" },
      out,
    );
    expect(stdout).toContain("manifest 1.25");
    const files = readZip(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);

    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
    expect(manifestProblem(manifest)).toBeUndefined();
    expect(await officialSchemaErrors(manifest)).toEqual([]);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect([manifest.id, manifest.bots[0].botId, manifest.webApplicationInfo.id]).toEqual([APP_ID, APP_ID, APP_ID]);
    expect(manifest.bots[0].scopes).toEqual(["team", "personal"]);
    expect(manifest.validDomains).toEqual(["baton.maple-ridge.example"]);
    expect(manifest.developer.websiteUrl).toBe("https://baton.maple-ridge.example");
    expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({
      name: "ChannelMessage.Read.Group",
      type: "Application",
    });
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);

    expect(readPngHeader(files.get(manifest.icons.color)!)).toEqual({ width: 192, height: 192, colorType: 6 });
    expect(readPngHeader(files.get(manifest.icons.outline)!)).toEqual({ width: 32, height: 32, colorType: 6 });
    // The outline icon: white on transparent, nothing else (Teams' rule for it).
    const { rgba } = pixels(files.get(manifest.icons.outline)!);
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) transparent++;
      else expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
  });

  it("refuses without TEAMS_APP_ID or an https PUBLIC_URL, naming the variable", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "baton-teams-")), "teams-app.zip");
    await expect(teamsPackage({ PUBLIC_URL: "https://baton.example" }, out)).rejects.toMatchObject({
      stderr: expect.stringMatching(/^TEAMS_APP_ID: expected/m),
    });
    await expect(teamsPackage({ TEAMS_APP_ID: APP_ID, PUBLIC_URL: "http://baton.example" }, out)).rejects.toMatchObject(
      { stderr: expect.stringMatching(/^PUBLIC_URL: expected/m) },
    );
  });

  it("checks what the schema checks: required properties, lengths, enums, no unknown properties", () => {
    const { manifest } = buildAppPackage({ appId: APP_ID, publicUrl: "https://baton.example" });
    const broken = (change: (m: Record<string, any>) => void) => {
      const copy = structuredClone(manifest);
      change(copy);
      return manifestProblem(copy);
    };
    expect(broken((m) => delete m.accentColor)).toMatch(/^accentColor:/);
    expect(broken((m) => (m.name.short = "Baton for Maple Ridge Motors Group"))).toMatch(/^name\.short:/);
    expect(broken((m) => (m.bots[0].scopes = ["team", "groupchat"]))).toMatch(/^bots\.0\.scopes\.1:/);
    expect(broken((m) => (m.manifestVersion = "1.17"))).toMatch(/^manifestVersion:/);
    expect(broken((m) => (m.extra = true))).toMatch(/unrecognized/i);
  });

  it("refuses an icon of the wrong size", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "baton-teams-template-"));
    cpSync(TEMPLATE_DIR, dir, { recursive: true });
    writeFileSync(path.join(dir, "color.png"), encodePng(64, 64, new Uint8Array(64 * 64 * 4)));
    expect(() => buildAppPackage({ appId: APP_ID, publicUrl: "https://baton.example", templateDir: dir })).toThrow(
      AppPackageError,
    );
    expect(() => buildAppPackage({ appId: APP_ID, publicUrl: "https://baton.example", templateDir: dir })).toThrow(
      "color.png: Teams requires 192×192 pixels, this one is 64×64",
    );
  });
});
