/** Search terms: lowercase, accent-free words without stop words, reduced to a rough stem. */
import { words } from '../node-kit/words.ts';

/** Words too common in questions to tell documents apart. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could do does did for from had has have hello hi hey how i if in into is it its ' +
    'me my mine of on or our please so some tell than thanks thank that the their them then there these they this to too ' +
    'us was we were what when where which who why will with would you your yours am any just know want need like get ' +
    'about also should shall may might much many very there here im ive id dont cant take got go ' +
    'something anything thing one'
  ).split(' '),
);

/**
 * A light English stemmer: enough that "returns", "returned", "returning" and "return" meet, and
 * "shipping"/"shipped"/"ship" too. A full Porter stemmer buys little on short FAQ entries.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  else if (w.length > 6 && w.endsWith('ment')) w = w.slice(0, -4); // payment -> pay
  if (/([^aeiou])\1$/.test(w)) w = w.slice(0, -1); // shipp -> ship, cancell -> cancel
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1); // charge/charged/charging -> charg
  return w;
}

/** The search terms of a text, in order, repeats kept (term frequency matters to BM25). */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}

/**
 * The words of a question worth looking up in a full-text index, as written (accents kept, so the
 * index's own dictionary sees them): filler such as "hi", "please" or "want" would only widen the
 * candidates a search returns.
 */
export function searchWords(text: string): string {
  return text
    .split(/[^\p{L}\p{N}\p{M}'’]+/u)
    .filter((token) => words(token).some((w) => !STOP_WORDS.has(w)))
    .join(' ');
}
