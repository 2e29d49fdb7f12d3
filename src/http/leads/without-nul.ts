/**
 * NUL cannot be stored in PostgreSQL text: left in a lead, the insert fails on every retry and
 * the lead is lost. Stripped everywhere, as the SMS webhook does for a text's body.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string") return value.replace(/\u0000/g, "") as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  return value;
}
