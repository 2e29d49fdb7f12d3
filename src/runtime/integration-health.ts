import { maskPhonesIn } from "../core/compliance/mask-phone.js";
import { SmsSendError } from "../core/ports/sms.js";

/** URLs, host:port pairs and IP addresses out of an error message: "connect ECONNREFUSED <address>". */
export function maskAddresses(message: string): string {
  return message
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, "<address>")
    .replace(/\[?[0-9a-f:]*:[0-9a-f:]+\]?:\d+\b/gi, "<address>")
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, "<address>")
    .replace(/\b(?:[a-z0-9-]+\.)+[a-z]{2,}:\d+\b/gi, "<address>");
}

export type IntegrationStatus = "ok" | "failing" | "unused";

export interface IntegrationReport {
  status: IntegrationStatus;
  lastOkAt?: string;
  lastFailureAt?: string;
  /**
   * The last failure's message, as /healthz (unauthenticated) may show it: a provider's error may
   * quote the customer's number, a network error the address of an internal host; both are masked.
   */
  lastError?: string;
  failuresInARow: number;
}

/**
 * What each outside service did last: /healthz shows it, so a load balancer keeps a replica
 * whose database answers, and a person sees which integration is failing and since when.
 */
export class IntegrationHealth {
  private readonly reports = new Map<string, IntegrationReport>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** An integration that is on; only those are reported. */
  track(name: string): void {
    if (!this.reports.has(name)) this.reports.set(name, { status: "unused", failuresInARow: 0 });
  }

  succeeded(name: string): void {
    const report = this.reports.get(name);
    if (!report) return;
    Object.assign(report, { status: "ok", lastOkAt: this.now().toISOString(), failuresInARow: 0 });
  }

  failed(name: string, error: unknown): void {
    const report = this.reports.get(name);
    if (!report) return;
    const message = error instanceof Error ? error.message : String(error);
    Object.assign(report, {
      status: "failing",
      lastFailureAt: this.now().toISOString(),
      lastError: maskPhonesIn(maskAddresses(message)).slice(0, 300),
      failuresInARow: report.failuresInARow + 1,
    });
  }

  snapshot(): Record<string, IntegrationReport> {
    return Object.fromEntries([...this.reports].map(([name, report]) => [name, { ...report }]));
  }

  /**
   * The same port, with every async call's outcome recorded under `name`. A refusal about one
   * message (an unsubscribed number, an invalid one) is the provider answering: not a failure.
   */
  observe<T extends object>(name: string, port: T): T {
    this.track(name);
    return new Proxy(port, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          const result = value.apply(target, args);
          if (!(result instanceof Promise)) return result;
          return result.then(
            (ok) => (this.succeeded(name), ok),
            (error: unknown) => {
              if (error instanceof SmsSendError && error.permanent) this.succeeded(name);
              else this.failed(name, error);
              throw error;
            },
          );
        };
      },
    });
  }
}
