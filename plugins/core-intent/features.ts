/**
 * Text features for the intent classifier: words, word pairs and character n-grams inside words.
 * Character n-grams make it forgiving of typos and word forms ("refnd", "refunds") with few examples.
 */
import { words } from '../node-kit/words.ts';

/**
 * Function words that say nothing about intent. With a handful of examples per intent, "what is the"
 * would otherwise make "what is the meaning of life" look like "what is the status of my order".
 */
const FUNCTION_WORDS = new Set(
  'a an the is are was were be been am to of in on at for with by from and or it its this that these those do does did i me you we us our'.split(
    ' ',
  ),
);

/** Feature counts for one text: `w:` words, `b:` word pairs, `c:` 3- and 4-letter pieces of padded words. */
export function features(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const all = words(text);
  const content = all.filter((w) => !FUNCTION_WORDS.has(w));
  // A message of only function words ("is it?") keeps them rather than becoming empty.
  const list = content.length > 0 ? content : all;
  list.forEach((word, i) => {
    add(`w:${word}`);
    if (i > 0) add(`b:${list[i - 1]} ${word}`);
    const padded = ` ${word} `;
    for (const n of [3, 4]) for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`);
  });
  return counts;
}

/** A sparse vector. */
export type Vector = Map<string, number>;

/** Cosine similarity of two L2-normalised sparse vectors. */
export function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [key, value] of small) sum += value * (large.get(key) ?? 0);
  return sum;
}

/** Scales a vector to length 1 (an empty vector stays empty). */
export function normalise(vector: Vector): Vector {
  let norm = 0;
  for (const value of vector.values()) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  const out: Vector = new Map();
  for (const [key, value] of vector) out.set(key, value / norm);
  return out;
}
