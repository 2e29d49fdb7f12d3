import { BatonError } from "../../../../core/errors/baton-error.js";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ICON_SIZES, manifestProblem } from "./check-manifest.js";
import { drawColorIcon, drawOutlineIcon } from "./draw-icons.js";
import { readPngHeader } from "./png.js";
import { writeZip } from "./zip.js";

export const TEMPLATE_DIR = fileURLToPath(new URL("../../../../../manifests/teams/", import.meta.url));

export interface AppPackageInput {
  /** The Azure Bot's Microsoft App ID: the app's id and the bot's. */
  appId: string;
  /** Baton's public https URL; its host becomes the app's valid domain. */
  publicUrl: string;
  /** @default manifests/teams of this project */
  templateDir?: string;
}

/** A package that would be refused at upload; the message says which part and why. */
export class AppPackageError extends BatonError {
  constructor(message: string) {
    super("app_package_invalid", message);
  }
}

function fillTemplate(template: string, values: Record<string, string>): unknown {
  // Values go in as JSON string contents, so a quote or backslash cannot break the document.
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) =>
    key in values ? JSON.stringify(values[key]).slice(1, -1) : whole,
  );
  const left = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (left) throw new AppPackageError(`manifest.json: no value for the placeholder ${left[0]}`);
  return JSON.parse(filled);
}

function icon(templateDir: string, file: string, size: number, draw: () => Buffer): Buffer {
  const where = path.join(templateDir, file);
  const png = existsSync(where) ? readFileSync(where) : draw();
  const header = readPngHeader(png);
  if (!header) throw new AppPackageError(`${file}: not a PNG`);
  if (header.width !== size || header.height !== size) {
    throw new AppPackageError(
      `${file}: Teams requires ${size}×${size} pixels, this one is ${header.width}×${header.height}`,
    );
  }
  return png;
}

/**
 * The zip a Teams admin uploads: manifest.json filled from the template, checked against the
 * manifest schema it declares (see check-manifest.ts), and both icons at the sizes Teams requires.
 */
export function buildAppPackage(input: AppPackageInput): { zip: Buffer; manifest: Record<string, any> } {
  const templateDir = input.templateDir ?? TEMPLATE_DIR;
  const publicUrl = input.publicUrl.replace(/\/+$/, "");
  const manifest = fillTemplate(readFileSync(path.join(templateDir, "manifest.json"), "utf8"), {
    TEAMS_APP_ID: input.appId,
    PUBLIC_URL: publicUrl,
    PUBLIC_HOST: new URL(publicUrl).host,
  }) as Record<string, any>;
  const problem = manifestProblem(manifest);
  if (problem) throw new AppPackageError(`manifest.json: ${problem}`);

  const icons = manifest.icons as { color: string; outline: string };
  const zip = writeZip([
    { name: "manifest.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: icons.color, data: icon(templateDir, icons.color, ICON_SIZES.color, drawColorIcon) },
    { name: icons.outline, data: icon(templateDir, icons.outline, ICON_SIZES.outline, drawOutlineIcon) },
  ]);
  return { zip, manifest };
}
