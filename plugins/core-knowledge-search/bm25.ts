/**
 * Okapi BM25 over small document sets (FAQs, help articles). Besides the raw BM25 score, each hit
 * gets a 0..1 score: its BM25 divided by what a document matching every query term once at average
 * length would get, with query terms no document contains weighted as rare words. So 1 means "covers
 * everything you asked" and a question about pizza in a shoe-shop FAQ scores near 0.
 */
import { terms } from './terms.ts';

/** A document to search. `boost` terms (title, tags) count `titleWeight` times. */
export interface SearchDocument {
  id: string;
  title: string;
  body: string;
  boost: string;
}

/** A built index. */
export interface Bm25Index {
  docs: Array<{ doc: SearchDocument; tf: Map<string, number>; length: number }>;
  df: Map<string, number>;
  avgLength: number;
}

const K1 = 1.2;
const B = 0.75;

/** Builds the index; title and tag terms are repeated `titleWeight` times so they count more. */
export function buildIndex(documents: SearchDocument[], titleWeight = 2): Bm25Index {
  const df = new Map<string, number>();
  const docs = documents.map((doc) => {
    const list = [...terms(doc.body)];
    const boosted = terms(doc.boost);
    for (let i = 0; i < titleWeight; i++) list.push(...boosted);
    const tf = new Map<string, number>();
    for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    return { doc, tf, length: list.length };
  });
  const avgLength = docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length);
  return { docs, df, avgLength };
}

/** BM25 idf, never negative. */
function idf(index: Bm25Index, term: string): number {
  const n = index.docs.length;
  const df = index.df.get(term) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Every document with its raw and 0..1 score for the query, best first; documents matching nothing are left out. */
export function search(
  index: Bm25Index,
  query: string,
): Array<{ doc: SearchDocument; bm25: number; score: number }> {
  const queryTerms = [...new Set(terms(query))];
  if (queryTerms.length === 0 || index.docs.length === 0) return [];
  const rare = Math.log(1 + (index.docs.length - 1 + 0.5) / 1.5);
  const reference = queryTerms.reduce((sum, t) => sum + (index.df.has(t) ? idf(index, t) : rare), 0);
  const hits = [];
  for (const entry of index.docs) {
    let bm25 = 0;
    for (const t of queryTerms) {
      const tf = entry.tf.get(t);
      if (!tf) continue;
      bm25 += (idf(index, t) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * entry.length) / index.avgLength));
    }
    if (bm25 > 0) hits.push({ doc: entry.doc, bm25, score: Math.min(1, bm25 / reference) });
  }
  return hits.sort((a, b) => b.bm25 - a.bm25 || a.doc.id.localeCompare(b.doc.id));
}
