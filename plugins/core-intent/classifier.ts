/**
 * A TF-IDF nearest-example classifier trained from the example phrases in the node's config.
 * An intent's score blends its closest example with its centroid, both cosine similarities in 0..1,
 * so the score reads as "how much this looks like what the builder wrote" and a threshold means
 * the same thing for every flow (unlike naive Bayes posteriors, which are confident about anything).
 */
import { dot, features, normalise, type Vector } from './features.ts';

/** A trained model: one vector per example and one centroid per intent. */
export interface IntentModel {
  idf: Map<string, number>;
  /** idf of a feature no example has. */
  unseen: number;
  intents: Array<{ name: string; examples: Vector[]; centroid: Vector }>;
}

/** Weight of the closest example in an intent's score; the centroid gets the rest. */
const NEAREST_WEIGHT = 0.7;

/** How much a feature no example has weighs, relative to the rarest seen one: dilutes without drowning. */
const UNSEEN_WEIGHT = 0.85;

/**
 * TF-IDF vector of a text. Features never seen in training keep the weight of the rarest feature:
 * they match nothing but still dilute the vector, so "pizza with my order" is not scored as "my order".
 */
function vectorise(text: string, model: Pick<IntentModel, 'idf' | 'unseen'>): Vector {
  const vector: Vector = new Map();
  for (const [key, count] of features(text))
    vector.set(key, (1 + Math.log(count)) * (model.idf.get(key) ?? model.unseen));
  return normalise(vector);
}

/** Trains a model from `{ intent: [example phrases] }`. */
export function train(intents: Record<string, string[]>): IntentModel {
  const phrases = Object.values(intents).flat();
  const df = new Map<string, number>();
  for (const phrase of phrases)
    for (const key of features(phrase).keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [key, count] of df) idf.set(key, Math.log((phrases.length + 1) / (count + 1)) + 1);
  const unseen = UNSEEN_WEIGHT * (Math.log(phrases.length + 1) + 1);
  return {
    idf,
    unseen,
    intents: Object.entries(intents).map(([name, examples]) => {
      const vectors = examples.map((e) => vectorise(e, { idf, unseen }));
      const sum: Vector = new Map();
      for (const v of vectors) for (const [k, x] of v) sum.set(k, (sum.get(k) ?? 0) + x);
      return { name, examples: vectors, centroid: normalise(sum) };
    }),
  };
}

/** Scores of every intent for a text, in config order, each in 0..1. */
export function classify(model: IntentModel, text: string): Array<{ intent: string; score: number }> {
  const query = vectorise(text, model);
  return model.intents.map(({ name, examples, centroid }) => {
    const nearest = examples.reduce((best, e) => Math.max(best, dot(query, e)), 0);
    const score = NEAREST_WEIGHT * nearest + (1 - NEAREST_WEIGHT) * dot(query, centroid);
    return { intent: name, score: Math.min(1, Math.max(0, score)) };
  });
}
