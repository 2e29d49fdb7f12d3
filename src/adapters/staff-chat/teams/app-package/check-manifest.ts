import { z } from "zod";

/**
 * The Teams app manifest schema v1.25, as far as Baton's manifest uses it: every property the
 * schema requires, and the types, lengths, patterns and enums of the properties the template sets.
 * Objects are strict because the schema forbids unknown properties (additionalProperties: false).
 * This mirrors https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json
 * by hand; it is not the full JSON schema (nothing here validates properties the template omits).
 */
export const MANIFEST_VERSION = "1.25";

const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, "a GUID");
const httpsUrl = z
  .string()
  .max(2048)
  .regex(/^[Hh][Tt][Tt][Pp][Ss]?:\/\//, "an http(s) URL");
const relativePath = z.string().max(2048);
const scopes = z.array(z.enum(["team", "personal", "groupChat", "copilot"])).max(4);

export const TeamsManifestSchema = z
  .object({
    $schema: z.url().optional(),
    manifestVersion: z.literal(MANIFEST_VERSION),
    version: z
      .string()
      .max(256)
      .regex(/^([0-9]|[1-9][0-9]*)\.([0-9]|[1-9][0-9]*)\.([0-9]|[1-9][0-9]*)$/, "a semver like 1.0.0"),
    id: guid,
    developer: z
      .object({
        name: z.string().max(32),
        websiteUrl: httpsUrl,
        privacyUrl: httpsUrl,
        termsOfUseUrl: httpsUrl,
        mpnId: z.string().max(10).optional(),
      })
      .strict(),
    name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100).optional() }).strict(),
    description: z.object({ short: z.string().max(80), full: z.string().max(4000) }).strict(),
    icons: z.object({ color: relativePath, outline: relativePath, color32x32: relativePath.optional() }).strict(),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #4464ee"),
    bots: z
      .array(
        z
          .object({
            botId: guid,
            scopes,
            isNotificationOnly: z.boolean().optional(),
            supportsFiles: z.boolean().optional(),
            commandLists: z
              .array(
                z
                  .object({
                    scopes,
                    commands: z
                      .array(z.object({ title: z.string().max(128), description: z.string().max(4000) }).strict())
                      .max(12),
                  })
                  .strict(),
              )
              .max(3)
              .optional(),
          })
          .strict(),
      )
      .max(1)
      .optional(),
    validDomains: z.array(z.string().max(2048)).max(16).optional(),
    webApplicationInfo: z
      .object({ id: guid, resource: z.string().max(2048).optional() })
      .strict()
      .optional(),
    authorization: z
      .object({
        permissions: z
          .object({
            resourceSpecific: z
              .array(z.object({ name: z.string().max(128), type: z.enum(["Application", "Delegated"]) }).strict())
              .max(16)
              .optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Teams' required icon sizes, in pixels. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** The first problem in a manifest, as one line naming the property; undefined when it passes. */
export function manifestProblem(manifest: unknown): string | undefined {
  const parsed = TeamsManifestSchema.safeParse(manifest);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join(".") || "(manifest)"}: ${issue.message}`;
}
