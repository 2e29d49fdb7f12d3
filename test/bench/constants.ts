/** The made-up identities every bench process agrees on (nothing here is a real credential). */
export const BENCH = {
  accountSid: "AC" + "0123456789abcdef".repeat(2),
  authToken: "bench-twilio-token",
  signingSecret: "bench-slack-signing-secret",
  botToken: "xoxb-bench-token",
  dealerNumber: "+15125550100",
  handoffChannel: "C0BENCH0001",
  /** Twilio signs the public URL it calls; a proxy would forward it to Baton's port. */
  publicUrl: "https://baton.bench.test",
} as const;

/** Where results and profiles go, from the project root: under test-artifacts/, which git and Docker ignore. */
export const OUTPUT_DIR = "test-artifacts/bench";
