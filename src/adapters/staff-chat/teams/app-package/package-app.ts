// `npm run teams:package [-- <zip path>]`: writes the app package a Teams admin uploads
// (default data/teams-app.zip), from TEAMS_APP_ID and PUBLIC_URL (environment or .env).
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadDotEnv } from "../../../../config/load-dotenv.js";
import { EnvSchema, normaliseEnvironment } from "../../../../config/schema.js";
import { AppPackageError, buildAppPackage } from "./build-app-package.js";

function main(args: string[]): number {
  loadDotEnv();
  const env = EnvSchema.pick({ TEAMS_APP_ID: true, PUBLIC_URL: true }).safeParse(normaliseEnvironment(process.env));
  if (!env.success) {
    const issue = env.error.issues[0]!;
    console.error(`${issue.path.join(".")}: expected ${issue.message}`);
    return 2;
  }
  const { TEAMS_APP_ID: appId, PUBLIC_URL: publicUrl } = env.data;
  if (!appId)
    return fail(
      "TEAMS_APP_ID: expected the Microsoft App ID of the Azure Bot (a GUID); the package's id and bot id are filled from it",
    );
  if (!publicUrl?.startsWith("https://"))
    return fail(
      "PUBLIC_URL: expected Baton's public https URL (Teams calls PUBLIC_URL/api/messages; its host is the app's valid domain)",
    );

  const out = path.resolve(args[0] ?? "data/teams-app.zip");
  try {
    const { zip, manifest } = buildAppPackage({ appId, publicUrl });
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, zip);
    const shown = path.relative(process.cwd(), out);
    console.log(
      `Wrote ${shown && !shown.startsWith("..") ? shown : out}: manifest ${manifest.manifestVersion} for app ${appId}, domain ${manifest.validDomains?.[0]}, icons 192×192 and 32×32.`,
    );
    console.log(
      "Upload it in Teams: Apps → Manage your apps → Upload an app (or the Teams admin center), then add Baton to a team.",
    );
    return 0;
  } catch (error) {
    if (error instanceof AppPackageError) return fail(error.message);
    throw error;
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
