/** Pattern-shaped entities: emails, order ids, money amounts and phone numbers. */
import { UserError } from '../../runtime/workflow/errors.ts';
import { type Claimed, unclaimed } from './spans.ts';

/** An amount of money found in the text. */
export interface FoundAmount {
  value: number;
  currency: string;
  text: string;
}

const EMAIL = /\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;

/** Email addresses, lowercased. */
export function findEmails(text: string, claimed: Claimed): string[] {
  return [...unclaimed(text, EMAIL, claimed)].map((m) => m[0].toLowerCase());
}

/** Order ids matching the builder's pattern (case-insensitive), uppercased. */
export function findOrderIds(text: string, pattern: string, claimed: Claimed): string[] {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'gi');
  } catch (error) {
    throw new UserError(
      'invalid-config',
      `entities: orderIdPattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`,
    );
  }
  return [...new Set([...unclaimed(text, re, claimed)].map((m) => m[0].toUpperCase()))];
}

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const WORDS: Record<string, string> = {
  dollar: 'USD',
  buck: 'USD',
  euro: 'EUR',
  pound: 'GBP',
  yen: 'JPY',
  rupee: 'INR',
};
const CODES = 'USD|EUR|GBP|JPY|INR|CAD|AUD|CHF|SEK|NOK|DKK';
const NUMBER = '\\d+(?:[.,\\s]\\d{3})*(?:[.,]\\d{1,2})?';

/** Parses "1,234.50", "1.234,50" or "10,5": a final separator followed by 1-2 digits is the decimal point. */
export function parseNumber(raw: string): number {
  const compact = raw.replace(/\s/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  const whole = (decimal ? compact.slice(0, decimal.index) : compact).replace(/[.,]/g, '');
  return Number.parseFloat(decimal ? `${whole}.${decimal[1]}` : whole);
}

/** Money amounts with a symbol, ISO code or currency word; `$` means `dollarCurrency`. */
export function findAmounts(text: string, dollarCurrency: string, claimed: Claimed): FoundAmount[] {
  const found: Array<FoundAmount & { at: number }> = [];
  const currencyOf = (token: string) => {
    const t = token.toLowerCase().replace(/s$/, '');
    return token === '$' ? dollarCurrency : (SYMBOLS[token] ?? WORDS[t] ?? token.toUpperCase());
  };
  const patterns: Array<[RegExp, number, number]> = [
    [new RegExp(`([$€£¥₹])\\s?(${NUMBER})`, 'g'), 1, 2],
    [new RegExp(`\\b(${CODES})\\s?(${NUMBER})\\b`, 'gi'), 1, 2],
    [
      new RegExp(
        `\\b(${NUMBER})\\s?([€£¥₹]|(?:${CODES})\\b|(?:dollar|buck|euro|pound|rupee)s?\\b|yen\\b)`,
        'gi',
      ),
      2,
      1,
    ],
  ];
  for (const [re, currencyGroup, numberGroup] of patterns) {
    for (const m of unclaimed(text, re, claimed)) {
      found.push({
        value: parseNumber(m[numberGroup]!),
        currency: currencyOf(m[currencyGroup]!),
        text: m[0].trim(),
        at: m.index,
      });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...amount }) => amount);
}

const PHONE = /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]?\d{2,5}){1,4}(?!\w)/g;

/** Phone numbers of 7-15 digits, written as `+<digits>` or `<digits>`. */
export function findPhones(text: string, claimed: Claimed): string[] {
  const phones: string[] = [];
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    const start = m.index;
    const end = start + m[0].trimEnd().length;
    if (claimed.claim(start, end)) phones.push(m[0].trim().startsWith('+') ? `+${digits}` : digits);
  }
  return phones;
}
