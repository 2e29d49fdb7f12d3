import { z } from "zod";

/**
 * What a dealership really knows, per rooftop. The brain answers from this and nothing
 * else: no invented vehicle, price, rate or opening time.
 */
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM (24-hour)");
const weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);

export const OpeningHoursSchema = z.object({
  days: z.array(weekday).min(1),
  open: time,
  close: time,
});

export const DepartmentSchema = z.object({
  name: z.enum(["sales", "service", "parts", "finance"]),
  phone: z.string().optional(),
  hours: z.array(OpeningHoursSchema).default([]),
});

export const HolidaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
  name: z.string(),
  /** Departments closed that day; empty means the whole store. */
  departments: z.array(z.enum(["sales", "service", "parts", "finance"])).default([]),
});

export const InventoryItemSchema = z.object({
  stock: z.string(),
  vin: z.string().optional(),
  year: z.number().int(),
  make: z.string(),
  model: z.string(),
  trim: z.string().optional(),
  color: z.string().optional(),
  /** The price shown online; the AI may repeat it, never negotiate it. */
  price: z.number().optional(),
  status: z.enum(["available", "in_transit", "sold", "pending"]).default("available"),
});

export const FaqSchema = z.object({
  question: z.string(),
  answer: z.string(),
  /** Words that should match this entry, besides the question's own. */
  keywords: z.array(z.string()).default([]),
  /** The answer in Spanish, for customers who write in Spanish (else they get `answer`, marked as English). */
  answerEs: z.string().optional(),
});

export const StaffMemberSchema = z.object({
  name: z.string().trim().min(1),
  /** "finance manager", "service advisor". */
  role: z.string().optional(),
});

export const KnowledgeSchema = z.object({
  name: z.string().min(1),
  timezone: z.string().min(1),
  address: z.string().optional(),
  directions: z.string().optional(),
  /** The directions in Spanish, for customers who write in Spanish. */
  directionsEs: z.string().optional(),
  website: z.string().optional(),
  mainPhone: z.string().optional(),
  departments: z.array(DepartmentSchema).default([]),
  holidays: z.array(HolidaySchema).default([]),
  /** What the AI may say on money topics. Default: nothing beyond "a person will help". */
  policies: z
    .object({
      financing: z.string().optional(),
      tradeIn: z.string().optional(),
      pricing: z.string().optional(),
    })
    .default({}),
  faq: z.array(FaqSchema).default([]),
  inventory: z.array(InventoryItemSchema).default([]),
  /**
   * The text a caller no one answered gets, in the store's own words (`{store}` is its name);
   * absent, Baton's: "Sorry we missed your call, this is {store}. How can we help? You can text us right here."
   */
  missedCallText: z.string().trim().min(1).max(320).optional(),
  /** The same in Spanish, for a returning customer who writes in Spanish. */
  missedCallTextEs: z.string().trim().min(1).max(320).optional(),
  /** The people a reply may name ("Maria in finance will text you"); the AI never invents one. */
  staff: z.array(StaffMemberSchema).default([]),
});

export type Knowledge = z.infer<typeof KnowledgeSchema>;
export type InventoryItem = z.infer<typeof InventoryItemSchema>;

/** The knowledge a rooftop has when nobody wrote a file yet: its name and time zone only. */
export function minimalKnowledge(name: string, timezone: string): Knowledge {
  return KnowledgeSchema.parse({ name, timezone });
}
