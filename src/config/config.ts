import type { Department } from "../core/ports/brain.js";
import type { Knowledge } from "../core/knowledge/knowledge.js";

/** One store: its number, its knowledge and where its handoffs go. */
export interface Rooftop {
  id: string;
  name: string;
  timezone: string;
  /** The dealership number customers text; unset when SMS is off. */
  smsNumber?: string;
  knowledge: Knowledge;
  slack?: {
    handoffChannel: string;
    managerChannel?: string;
    departmentChannels: Partial<Record<Department, string>>;
  };
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  apiUrl?: string;
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  apiUrl?: string;
}

export interface OpenAiConfig {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs: number;
}

/** Everything Baton runs on, validated once at start-up. */
export interface Config {
  port: number;
  host: string;
  publicUrl?: string;
  databaseUrl?: string;
  logLevel: string;
  rooftops: Rooftop[];
  twilio?: TwilioConfig;
  slack?: SlackConfig;
  openai?: OpenAiConfig;
}
