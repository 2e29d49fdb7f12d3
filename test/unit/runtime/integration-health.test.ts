import { describe, expect, it } from "vitest";
import { IntegrationHealth } from "../../../src/runtime/integration-health.js";

describe("what /healthz says about a failing integration", () => {
  it("keeps the error's meaning but never an internal address or a customer's number", () => {
    const health = new IntegrationHealth(() => new Date("2026-03-02T15:00:00Z"));
    health.track("twilio");
    health.failed(
      "twilio",
      new Error(
        "connect ECONNREFUSED 10.20.30.40:8443 while sending to +15125550123 via https://twilio-proxy.internal.example/2010-04-01/Messages",
      ),
    );
    const report = health.snapshot().twilio!;
    expect(report).toMatchObject({ status: "failing", failuresInARow: 1 });
    expect(report.lastError).toContain("connect ECONNREFUSED <address>");
    expect(report.lastError).not.toMatch(/10\.20\.30\.40|internal\.example|5125550123/);
    health.failed("twilio", new Error("getaddrinfo ENOTFOUND db.corp.local:5432"));
    expect(health.snapshot().twilio!.lastError).toBe("getaddrinfo ENOTFOUND <address>");
  });
});
