import { z } from "zod";
import type { Rooftop } from "./config.js";
import { ConfigError } from "./config-error.js";

const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);

const adfEmail = z.email({ message: "the CRM's lead e-mail address, e.g. leads@yourstore.crm-provider.com" });

/** Events carry customers' numbers: https, except to this machine (a local relay, tests). */
const webhookUrl = z.url({ message: "a URL like https://hooks.example.com/baton" }).refine((text) => {
  const url = new URL(text);
  return (
    url.protocol === "https:" ||
    (url.protocol === "http:" && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname))
  );
}, "an https URL (plain http only to this machine, 127.0.0.1 or localhost)");

const webhookSecret = z.string().trim().min(32, "a secret of at least 32 characters, e.g. from `openssl rand -hex 32`");

const smtpUrl = z
  .url({ message: "a URL like smtps://user:password@smtp.example.com:465" })
  .refine((text) => /^smtps?:$/.test(new URL(text).protocol), "an smtp:// or smtps:// URL");

/** Where the sandbox's CRM pane says leads go (a reserved name: nothing is ever sent there). */
export const SANDBOX_CRM_ADDRESS = "crm@sandbox.invalid";
/** Where the sandbox's CRM pane says events go (reserved too: the sandbox posts nothing, so signs nothing). */
export const SANDBOX_CRM_WEBHOOK = "https://crm.sandbox.invalid/baton";

/** The CRM, single rooftop (README: Send leads to your CRM). */
export const CrmEnvSchema = {
  CRM_ADF_EMAIL: z.preprocess(blankIsUnset, adfEmail.optional()),
  CRM_WEBHOOK_URL: z.preprocess(blankIsUnset, webhookUrl.optional()),
  CRM_WEBHOOK_SECRET: z.preprocess(blankIsUnset, webhookSecret.optional()),
  CRM_DEDUPE_DAYS: z.coerce.number().int("a whole number of days").min(0).max(365).default(30),
  SMTP_URL: z.preprocess(blankIsUnset, smtpUrl.optional()),
  SMTP_FROM: z.preprocess(blankIsUnset, z.string().trim().min(3).optional()),
};

/** BATON_CONFIG rooftops.<id>.crm: where this rooftop's leads and events go. */
export const RooftopCrmSchema = z.object({
  adfEmail: adfEmail.optional(),
  webhookUrl: webhookUrl.optional(),
  webhookSecret: webhookSecret.optional(),
});
type RooftopCrmFile = z.infer<typeof RooftopCrmSchema>;

type CrmEnv = {
  CRM_ADF_EMAIL?: string;
  CRM_WEBHOOK_URL?: string;
  CRM_WEBHOOK_SECRET?: string;
  CRM_DEDUPE_DAYS: number;
  SMTP_URL?: string;
  SMTP_FROM?: string;
  BATON_CONFIG?: string;
};

/** A rooftop's CRM: its own (BATON_CONFIG) or the environment's; the webhook secret may be shared. */
export function crmSettings(env: CrmEnv, own: RooftopCrmFile | undefined, where: string): Rooftop["crm"] {
  const adf = own ? own.adfEmail : env.CRM_ADF_EMAIL;
  const url = own ? own.webhookUrl : env.CRM_WEBHOOK_URL;
  const secret = own?.webhookSecret ?? env.CRM_WEBHOOK_SECRET;
  if (url && !secret)
    throw new ConfigError(
      `${where === "env" ? "CRM_WEBHOOK_SECRET" : `BATON_CONFIG: rooftops.${where}.crm.webhookSecret (or CRM_WEBHOOK_SECRET)`}: expected a secret of at least 32 characters to sign the webhook's events, because a webhook URL is set`,
    );
  if (!adf && !url) return undefined;
  return { adfEmail: adf, webhook: url ? { url, secret: secret! } : undefined };
}

/** The mail server ADF leads go through; checked only when some rooftop sends ADF. */
export function smtpSettings(env: CrmEnv, rooftops: Rooftop[]): { url: string; from: string } | undefined {
  if (env.BATON_CONFIG !== undefined && (env.CRM_ADF_EMAIL || env.CRM_WEBHOOK_URL))
    throw new ConfigError(
      `${env.CRM_ADF_EMAIL ? "CRM_ADF_EMAIL" : "CRM_WEBHOOK_URL"}: expected it unset with BATON_CONFIG (set crm.adfEmail / crm.webhookUrl per rooftop in that file)`,
    );
  const sending = rooftops.find((r) => r.crm?.adfEmail);
  if (!sending) return env.SMTP_URL && env.SMTP_FROM ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined;
  const what = env.BATON_CONFIG !== undefined ? `rooftops.${sending.id}.crm.adfEmail` : "CRM_ADF_EMAIL";
  if (!env.SMTP_URL)
    throw new ConfigError(
      `SMTP_URL: expected the mail server leads are sent through (e.g. smtps://user:password@smtp.example.com:465), because ${what} is set`,
    );
  if (!env.SMTP_FROM)
    throw new ConfigError(
      `SMTP_FROM: expected the address lead e-mails come from (e.g. "Baton <baton@yourstore.com>"; many CRMs accept leads only from known senders), because ${what} is set`,
    );
  return { url: env.SMTP_URL, from: env.SMTP_FROM };
}
