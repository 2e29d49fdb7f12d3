import type { InventoryItem, Knowledge } from "../../../core/knowledge/knowledge.js";

/**
 * Renders a rooftop's knowledge as plain text for the system prompt.
 *
 * Pure and deterministic on purpose: the same knowledge must give byte-identical text so the
 * provider's prompt cache keeps hitting. No clock, no locale default, no object key order:
 * every field is written explicitly, and lists fed by outside systems (inventory, holidays)
 * are sorted so a store returning rows in another order changes nothing.
 */
export function renderKnowledge(knowledge: Knowledge): string {
  return [
    "DEALERSHIP FACTS",
    ...field("Name", knowledge.name),
    ...field("Time zone", knowledge.timezone),
    ...field("Address", knowledge.address),
    ...field("Directions", knowledge.directions),
    ...field("Directions in Spanish", knowledge.directionsEs),
    ...field("Website", knowledge.website),
    ...field("Main phone", knowledge.mainPhone),
    "",
    "Departments:",
    ...list(renderDepartments(knowledge)),
    "",
    "Holidays:",
    ...list(
      [...knowledge.holidays]
        .sort((a, b) => compare(a.date, b.date))
        .map(
          (h) =>
            `${h.date} ${line(h.name)}: ${h.departments.length ? `${h.departments.join(", ")} closed` : "whole store closed"}`,
        ),
    ),
    "",
    "What you may say about money (word for word, nothing more):",
    ...list(
      [
        ...field("Pricing", knowledge.policies.pricing),
        ...field("Financing", knowledge.policies.financing),
        ...field("Trade-ins", knowledge.policies.tradeIn),
      ],
      "nothing: a person answers every money question",
    ),
    "",
    "People a reply may name (no one else):",
    ...list(
      knowledge.staff.map((s) => (s.role ? `${line(s.name)}, ${line(s.role)}` : line(s.name))),
      'nobody: say "a person from our team"',
    ),
    "",
    "Questions and answers:",
    ...list(
      knowledge.faq.map(
        (f) => `Q: ${line(f.question)} A: ${line(f.answer)}${f.answerEs ? ` A in Spanish: ${line(f.answerEs)}` : ""}`,
      ),
    ),
    "",
    "Inventory:",
    ...list([...knowledge.inventory].sort((a, b) => compare(a.stock, b.stock)).map(renderVehicle)),
  ].join("\n");
}

const DEPARTMENT_ORDER = ["sales", "service", "parts", "finance"] as const;

function renderDepartments(knowledge: Knowledge): string[] {
  return DEPARTMENT_ORDER.flatMap((name) => {
    const department = knowledge.departments.find((d) => d.name === name);
    if (!department) return [];
    const hours = department.hours.length
      ? department.hours.map((h) => `${h.days.join(",")} ${h.open}-${h.close}`).join("; ")
      : "hours not listed";
    const phone = department.phone ? `, phone ${line(department.phone)}` : "";
    return [`${name}: ${hours}${phone}`];
  });
}

function renderVehicle(item: InventoryItem): string {
  const name = [item.year, item.make, item.model, item.trim].filter(Boolean).map(String).map(line).join(" ");
  const parts = [`stock ${line(item.stock)}: ${name}`];
  if (item.color) parts.push(line(item.color));
  if (item.vin) parts.push(`VIN ${line(item.vin)}`);
  // A fixed locale: the host's default locale must not change the prompt's bytes.
  if (item.price !== undefined) parts.push(`listed online at $${item.price.toLocaleString("en-US")}`);
  parts.push(item.status.replace("_", " "));
  return parts.join(", ");
}

function field(label: string, value: string | undefined): string[] {
  return value ? [`${label}: ${line(value)}`] : [];
}

function list(items: string[], empty = "none listed"): string[] {
  return items.length ? items.map((item) => `- ${item}`) : [`- ${empty}`];
}

/** One line per fact, so a stray newline in a knowledge file cannot forge a new section. */
function line(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Code-point order, not localeCompare: the result must not depend on the host's ICU data. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
