import express from "express";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdfRejected } from "../../../src/adapters/leads/adf/index.js";
import { ConfigError } from "../../../src/config/config-error.js";
import { BatonError, ERROR_CODES } from "../../../src/core/errors/baton-error.js";
import { LeadRejected } from "../../../src/core/leads/lead.js";
import { answerErrorsAsJson, asHttpError, errorHandler } from "../../../src/http/error-handler.js";
import { recordingLogger } from "../../helpers/recording-logger.js";

describe("one error type, answered in one place", () => {
  it("every error Baton throws on purpose is a BatonError whose code decides the status", () => {
    expect(new LeadRejected("invalid_phone", "phone: not valid")).toBeInstanceOf(BatonError);
    expect(new AdfRejected("not_adf", "no <adf>").httpStatus).toBe(422);
    expect(new AdfRejected("too_large", "over 512 KB").httpStatus).toBe(413);
    expect(new ConfigError("PUBLIC_URL: expected https://…").logLevel).toBe("error");
    for (const { httpStatus } of Object.values(ERROR_CODES)) expect(httpStatus).toBeGreaterThanOrEqual(400);
  });

  it("tells a sender its own mistake, and nothing of Baton's", () => {
    expect(asHttpError(new BatonError("invalid_form", "email: not an address"))).toMatchObject({
      code: "invalid_form",
      message: "email: not an address",
      httpStatus: 400,
    });
    expect(asHttpError(new ConfigError("DATABASE_URL host db.internal:5432 refused"))).toMatchObject({
      code: "config_invalid",
      message: "Internal error",
    });
    expect(asHttpError(new TypeError("cannot read properties of undefined"))).toMatchObject({
      code: "internal",
      message: "Internal error",
      httpStatus: 500,
    });
    // A 503 that says what to configure is shown; Express's own 4xx keep their status.
    expect(
      asHttpError(new BatonError("not_configured", "Twilio is not configured: set TWILIO_AUTH_TOKEN")),
    ).toMatchObject({
      message: "Twilio is not configured: set TWILIO_AUTH_TOKEN",
      httpStatus: 503,
    });
    expect(asHttpError(Object.assign(new Error("Not Found"), { status: 404 })).httpStatus).toBe(404);
    expect(
      asHttpError(Object.assign(new Error("request entity too large"), { type: "entity.too.large", status: 413 })).code,
    ).toBe("too_large");
  });

  describe("over HTTP", () => {
    const logs = recordingLogger();
    let base = "";
    let close: () => void = () => {};

    beforeAll(async () => {
      const app = express();
      app.post("/plain", () => {
        throw new BatonError("bad_signature", "Invalid X-Twilio-Signature", { log: { hint: "check PUBLIC_URL" } });
      });
      app.post("/off", () => {
        throw new BatonError("not_configured", "Twilio is not configured on this Baton");
      });
      app.post("/json", (_req, res) => {
        answerErrorsAsJson(res);
        throw new LeadRejected("no_contact", "a lead needs a phone or an e-mail");
      });
      app.post("/broken", async () => {
        throw new Error("secret internals at db.internal");
      });
      app.use(errorHandler(logs));
      const server = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    afterAll(() => close());

    it("answers a webhook's refusal in plain text with the code's status, logged as a warning", async () => {
      const res = await fetch(`${base}/plain`, { method: "POST" });
      expect(res.status).toBe(403);
      expect(await res.text()).toBe("Invalid X-Twilio-Signature");
      const lines = logs.lines.filter((l) => l.obj && (l.obj as { status?: number }).status === 403);
      // One line, with what the route knew for the operator (never sent to the caller).
      expect(lines).toEqual([
        expect.objectContaining({
          level: "warn",
          obj: expect.objectContaining({ code: "bad_signature", hint: "check PUBLIC_URL" }),
        }),
      ]);
    });

    it("answers a service that is not set up with 503 and what to set, as a refusal line without a stack", async () => {
      const res = await fetch(`${base}/off`, { method: "POST" });
      expect(res.status).toBe(503);
      expect(await res.text()).toBe("Twilio is not configured on this Baton");
      const line = logs.lines.find((l) => (l.obj as { code?: string }).code === "not_configured");
      expect(line).toMatchObject({ level: "warn", msg: "refused a request: Twilio is not configured on this Baton" });
      expect(line?.obj).not.toHaveProperty("err");
    });

    it("answers the leads API in JSON with the code a lead provider reads", async () => {
      const res = await fetch(`${base}/json`, { method: "POST" });
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({
        ok: false,
        error: "no_contact",
        message: "a lead needs a phone or an e-mail",
      });
    });

    it("answers Baton's own failure with 500 and no internals, logged as an error", async () => {
      const res = await fetch(`${base}/broken`, { method: "POST" });
      expect(res.status).toBe(500);
      expect(await res.text()).toBe("Internal error");
      expect(logs.find("error", "request failed")?.obj).toMatchObject({ code: "internal", path: "/broken" });
    });
  });
});
