import { z } from "zod";
import type { Rooftop } from "./config.js";
import { ConfigError } from "./config-error.js";

const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);

/** A secret a lead provider can put in a URL as it is: 16+ URL-safe characters. */
export const leadsToken = z
  .string()
  .trim()
  .min(16, "a secret of at least 16 characters, e.g. from `openssl rand -hex 24`")
  .regex(
    /^[A-Za-z0-9._~-]+$/,
    "letters, digits and . _ ~ - only (it may be sent in a URL), e.g. from `openssl rand -hex 24`",
  );

/** "US,CA": the countries an automated first text may go to. */
const smsCountries = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(/^[A-Z]{2}$/, "two-letter country codes, e.g. US,CA"))
      .min(1, "at least one country, e.g. US,CA"),
  );

/** Web and ADF leads, single rooftop (README: Leads from your website and lead providers). */
export const LeadsEnvSchema = {
  LEADS_TOKEN: z.preprocess(blankIsUnset, leadsToken.optional()),
  LEADS_ADF_SMS_CONSENT: z.preprocess(blankIsUnset, z.enum(["true", "false"], "true or false").default("false")),
  LEADS_SMS_COUNTRIES: z.preprocess(blankIsUnset, smsCountries.default(["US", "CA"])),
};

/** BATON_CONFIG rooftops.<id>: the same per rooftop. */
export const RooftopLeadsSchema = {
  leadsToken: leadsToken.optional(),
  adfImpliesSmsConsent: z.boolean().optional(),
  leadSmsCountries: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, "two-letter country codes, e.g. US"),
    )
    .min(1)
    .optional(),
};

type LeadsEnv = {
  LEADS_TOKEN?: string;
  LEADS_ADF_SMS_CONSENT: "true" | "false";
  LEADS_SMS_COUNTRIES: string[];
  BATON_CONFIG?: string;
};

/** A rooftop's lead settings: its own token, and its own consent rule and texting countries or the environment's. */
export function leadsSettings(
  env: LeadsEnv,
  own?: { leadsToken?: string; adfImpliesSmsConsent?: boolean; leadSmsCountries?: string[] },
): Rooftop["leads"] {
  const token = own ? own.leadsToken : env.LEADS_TOKEN;
  if (!token) return undefined;
  return {
    token,
    adfImpliesSmsConsent: own?.adfImpliesSmsConsent ?? env.LEADS_ADF_SMS_CONSENT === "true",
    smsCountries: own?.leadSmsCountries ?? env.LEADS_SMS_COUNTRIES,
  };
}

/** The token says which rooftop a lead is for: each must be its own. */
export function checkLeadsTokens(env: LeadsEnv, rooftops: Rooftop[]): void {
  if (env.BATON_CONFIG !== undefined && env.LEADS_TOKEN !== undefined) {
    throw new ConfigError("LEADS_TOKEN: expected it unset with BATON_CONFIG (set leadsToken per rooftop in that file)");
  }
  const seen = new Map<string, string>();
  for (const r of rooftops) {
    if (!r.leads) continue;
    const other = seen.get(r.leads.token);
    if (other)
      throw new ConfigError(
        `BATON_CONFIG: rooftops.${r.id}.leadsToken is the same as rooftops.${other}.leadsToken; expected a different secret per rooftop`,
      );
    seen.set(r.leads.token, r.id);
  }
}
