/**
 * The keys duplicate detection compares: the same person typed twice rarely types themselves the
 * same way twice ("Ada@Example.com" / "ada+shop@example.com", "+44 7911 123456" / "07911 123456").
 */

const GMAIL = new Set(['gmail.com', 'googlemail.com']);

/** Lowercased, without a +tag; Gmail addresses also without dots (Gmail ignores them). */
export function emailKey(email: string): string {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
  let name = local.split('+')[0]!;
  let host = domain;
  if (GMAIL.has(host)) {
    name = name.replaceAll('.', '');
    host = 'gmail.com';
  }
  return `${name}@${host}`;
}

/** Whether this looks like an email address at all. */
export function isEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
}

/**
 * The last nine digits: enough to tell numbers apart, and the same with or without a country
 * code or trunk zero. Undefined for strings with too few digits to be a phone number.
 */
export function phoneKey(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return undefined;
  return digits.length > 9 ? digits.slice(-9) : digits;
}

/** A name with accents, punctuation and word order removed: "Smith, José" → "jose smith". */
export function nameKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return (words ?? []).sort().join(' ');
}

/** Dice similarity of the letter pairs of two name keys, 0..1. */
export function nameSimilarity(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === '' || kb === '') return 0;
  if (ka === kb) return 1;
  const pairs = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const pa = pairs(ka);
  const pb = pairs(kb);
  let shared = 0;
  for (const [pair, count] of pa) shared += Math.min(count, pb.get(pair) ?? 0);
  return (2 * shared) / (ka.length - 1 + (kb.length - 1));
}
