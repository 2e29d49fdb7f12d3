import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The lint CI runs (npm run lint) is what keeps src/core vendor-free: these are the imports it must refuse.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: ".ci/eslint.config.js" });
const errorsIn = async (filePath: string, code: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.severity === 2);

describe("the core's boundary, as npm run lint checks it", () => {
  it.each([
    ['import { App } from "@slack/bolt";', "a vendor SDK"],
    ['import twilio from "twilio";', "the SMS provider's SDK"],
    ['import { PrismaClient } from "@prisma/client";', "the database client"],
    ['import { SlackStaffChat } from "../../adapters/staff-chat/slack/slack-staff-chat.js";', "an adapter"],
    ['import { buildBaton } from "../app.js";', "the composition root"],
  ])("refuses %s in src/core (%s)", async (code) => {
    const errors = await errorsIn("src/core/use-cases/example.ts", code);
    expect(errors.map((e) => e.ruleId)).toEqual(["no-restricted-imports"]);
  });

  it("allows the core's own modules, Node's and pure helpers; adapters may import vendors", async () => {
    expect(
      await errorsIn(
        "src/core/use-cases/example.ts",
        'import { SmsGateway } from "../messaging/sms-gateway.js";\nimport { z } from "zod";\nimport { DateTime } from "luxon";\nimport { randomUUID } from "node:crypto";',
      ),
    ).toEqual([]);
    expect(await errorsIn("src/adapters/staff-chat/slack/example.ts", 'import { App } from "@slack/bolt";')).toEqual(
      [],
    );
  });
});
