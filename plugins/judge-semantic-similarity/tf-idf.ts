/**
 * TF-IDF cosine similarity, offline. IDF is smoothed (log((1 + N) / (1 + df)) + 1, as scikit-learn
 * does) so words shared by the only two documents still count; a reference corpus makes common
 * domain words ("order", "please") weigh less than the words that carry the answer.
 */
import { STOPWORDS, stem, words } from '../judge-kit/text.ts';

/** The terms of a text: words without stopwords, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
}

/** Inverse document frequencies over `documents` (each a list of terms). */
export function inverseDocumentFrequency(documents: string[][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of documents) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, Math.log((1 + documents.length) / (1 + count)) + 1);
  return idf;
}

/** Cosine of the TF-IDF vectors of two term lists; 0 when either is empty. */
export function cosine(a: string[], b: string[], idf: Map<string, number>): number {
  const va = vector(a, idf);
  const vb = vector(b, idf);
  let dot = 0;
  for (const [term, weight] of va) dot += weight * (vb.get(term) ?? 0);
  const norm = length(va) * length(vb);
  return norm === 0 ? 0 : dot / norm;
}

function vector(doc: string[], idf: Map<string, number>): Map<string, number> {
  const v = new Map<string, number>();
  for (const term of doc) v.set(term, (v.get(term) ?? 0) + (idf.get(term) ?? 1));
  return v;
}

function length(v: Map<string, number>): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}
