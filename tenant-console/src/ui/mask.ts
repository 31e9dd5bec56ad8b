// Raw payloads and headers are shown with anything that looks like a credential masked: signatures, tokens,
// keys and passwords stay out of screenshots and screen shares.

const SENSITIVE = /secret|token|password|passwd|api[-_]?key|authorization|signature|cookie|cvc|card_number|iban/i;
const MASK = "••••••••";

function maskValue(value: unknown, key = ""): unknown {
  if (key && SENSITIVE.test(key) && value !== null && typeof value !== "object") return MASK;
  if (Array.isArray(value)) return value.map((v) => maskValue(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskValue(v, k)]));
  }
  return value;
}

/** A stored body made readable: JSON pretty-printed, forms one field a line; credentials masked either way. */
export function maskedPayload(raw: string | undefined | null): string {
  if (!raw) return "";
  try {
    return JSON.stringify(maskValue(JSON.parse(raw)), null, 2);
  } catch {
    if (/^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(raw.trim())) {
      const form = new URLSearchParams(raw.trim());
      return [...form.entries()].map(([k, v]) => `${k} = ${SENSITIVE.test(k) ? MASK : v}`).join("\n");
    }
    return raw;
  }
}
