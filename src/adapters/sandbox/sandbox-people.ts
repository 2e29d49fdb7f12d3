/**
 * The simulated people of the sandbox: customers texting from fictional 555-01xx numbers, and
 * the dealership's staff in the channel. Nothing here is a real person or a real phone.
 */
export interface SandboxCustomer {
  phone: string;
  name: string;
}

export interface SandboxRep {
  /** A Slack-like member id: what ownership, mentions and ephemeral notes are keyed by. */
  id: string;
  name: string;
  role: string;
}

export const SANDBOX_CUSTOMERS: readonly SandboxCustomer[] = [
  { phone: "+15125550101", name: "Maria Gomez" },
  { phone: "+15125550102", name: "Derek Wu" },
  { phone: "+15125550103", name: "Aisha Bello" },
  { phone: "+15125550104", name: "Tom Becker" },
];

export const SANDBOX_REPS: readonly SandboxRep[] = [
  { id: "U0SBJORDAN", name: "Jordan Lee", role: "Sales" },
  { id: "U0SBPRIYA", name: "Priya Shah", role: "Sales" },
  { id: "U0SBSAM", name: "Sam Ortiz", role: "Service" },
  { id: "U0SBDANA", name: "Dana Brooks", role: "Sales manager" },
];

export function findRep(id: string): SandboxRep | undefined {
  return SANDBOX_REPS.find((rep) => rep.id === id);
}
