/** Product names from a catalogue, matched as whole words (plurals too), with a quantity when one precedes them. */
import type { Claimed } from './spans.ts';

/** A catalogue entry: a name, or an object with id, name and optional aliases (other fields are passed through). */
export type CatalogueItem =
  | string
  | { id?: string; name: string; aliases?: string[]; [field: string]: unknown };

/** A product found in the text. */
export interface FoundProduct {
  id: string;
  name: string;
  quantity: number;
  text: string;
  [field: string]: unknown;
}

interface Word {
  word: string;
  start: number;
  end: number;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  dozen: 12,
  pair: 2,
  couple: 2,
};

/** Lowercase, accent-free words with their positions in the original text. */
function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)].map((m) => ({
    word: m[0]
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Singular form for matching: "mugs" -> "mug", "boxes" -> "box", "batteries" -> "battery". */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && /(s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Turns a raw catalogue (a list or `{ products: [...] }`) into entries with word forms of each name. */
export function prepareCatalogue(
  raw: unknown,
): Array<{ item: Exclude<CatalogueItem, string>; forms: string[][] }> {
  const list = Array.isArray(raw) ? raw : (raw as { products?: unknown } | null)?.products;
  if (!Array.isArray(list)) return [];
  return list
    .map((entry: unknown) => (typeof entry === 'string' ? { id: entry, name: entry } : entry))
    .filter(
      (item): item is Exclude<CatalogueItem, string> =>
        typeof (item as { name?: unknown })?.name === 'string',
    )
    .map((item) => ({
      item,
      forms: [item.name, ...(Array.isArray(item.aliases) ? item.aliases : [])].map((n) =>
        wordsOf(String(n)).map((w) => singular(w.word)),
      ),
    }));
}

/** Catalogue products named in the text, longest names first so "travel mug" beats "mug". */
export function findProducts(
  text: string,
  catalogue: ReturnType<typeof prepareCatalogue>,
  claimed: Claimed,
): FoundProduct[] {
  const words = wordsOf(text);
  const singulars = words.map((w) => singular(w.word));
  const candidates: Array<{ at: number; length: number; item: Exclude<CatalogueItem, string> }> = [];
  for (const { item, forms } of catalogue) {
    for (const form of forms) {
      if (form.length === 0) continue;
      for (let i = 0; i + form.length <= words.length; i++) {
        if (form.every((w, k) => singulars[i + k] === w))
          candidates.push({ at: i, length: form.length, item });
      }
    }
  }
  candidates.sort((a, b) => b.length - a.length || a.at - b.at);
  const found: Array<FoundProduct & { at: number }> = [];
  for (const { at, length, item } of candidates) {
    const first = words[at]!;
    const last = words[at + length - 1]!;
    if (found.some((f) => f.id === (item.id ?? item.name))) continue;
    if (!claimed.claim(first.start, last.end)) continue;
    const before = words[at - 1]?.word ?? '';
    const quantity = /^\d{1,4}$/.test(before) ? Number(before) : (NUMBER_WORDS[before] ?? 1);
    const { aliases: _aliases, ...fields } = item;
    found.push({
      ...fields,
      id: String(item.id ?? item.name),
      name: item.name,
      quantity,
      text: text.slice(first.start, last.end),
      at,
    });
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...product }) => product);
}
