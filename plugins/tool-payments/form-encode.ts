/**
 * Stripe's request encoding: application/x-www-form-urlencoded with nested keys in brackets,
 * `line_items[0][price]=price_1&metadata[order]=42`. Undefined values are left out.
 */

/** Encodes a nested object the way Stripe's API expects. */
export function formEncode(value: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (prefix: string, v: unknown): void => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(`${prefix}[${i}]`, item);
    } else if (typeof v === 'object') {
      for (const [key, inner] of Object.entries(v as Record<string, unknown>))
        walk(prefix ? `${prefix}[${key}]` : key, inner);
    } else {
      pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(String(v))}`);
    }
  };
  walk('', value);
  return pairs.join('&');
}
