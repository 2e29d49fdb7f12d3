/**
 * A US (NANP) number in E.164, or undefined when it cannot be one: "(512) 555-0123",
 * "512.555.0123", "1-512-555-0123" and "+1 512 555 0123" all give "+15125550123". An extension
 * ("x12", "ext. 12") is dropped. A number written with another country code is kept as E.164.
 */
export function normaliseUsPhone(text: string): string | undefined {
  const main = text.split(/\s*(?:ext\.?|extension|x|#)\s*\d+\s*$/i)[0]!.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(main)) return undefined;
  const digits = main.replace(/\D/g, "");
  if (main.startsWith("+") && !digits.startsWith("1")) return /^[2-9]\d{6,14}$/.test(digits) ? `+${digits}` : undefined;
  const national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  // NANP: area code and exchange start with 2-9; N11 codes (411, 911) are services, not lines.
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(national)) return undefined;
  if (/^\d11$/.test(national.slice(0, 3)) || /^\d11$/.test(national.slice(3, 6))) return undefined;
  return `+1${national}`;
}
