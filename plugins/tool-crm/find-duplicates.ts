/**
 * Finds contacts that are probably the person described: the same normalised email or phone is a
 * match; a similar name alone is only a possible duplicate, because many people share a name.
 */
import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { emailKey, nameSimilarity, phoneKey } from './normalize.ts';

/** What is known about the person. */
export interface PersonDetails {
  name?: string;
  email?: string;
  phone?: string;
}

/** A contact that resembles the person, and why. */
export interface DuplicateMatch {
  contact: Record<string, unknown>;
  /** 1 for an email or phone match, else the name similarity. */
  score: number;
  /** True when email or phone matched: the same person, not just a similar name. */
  certain: boolean;
  reasons: string[];
}

/** Contacts resembling `person`, certain matches first, then by score. */
export async function findDuplicates(
  data: NonNullable<NodeContext['data']>,
  person: PersonDetails,
  nameThreshold: number,
): Promise<DuplicateMatch[]> {
  const found = new Map<string, DuplicateMatch>();
  const add = (contact: Record<string, unknown>, reason: string, score: number, certain: boolean) => {
    const id = String(contact.id);
    const match = found.get(id) ?? { contact, score: 0, certain: false, reasons: [] };
    match.reasons.push(reason);
    match.score = Math.max(match.score, score);
    match.certain ||= certain;
    found.set(id, match);
  };
  if (person.email)
    for (const c of await data.query('contacts', { emailKey: emailKey(person.email) }))
      add(c, 'same email', 1, true);
  const phone = person.phone ? phoneKey(person.phone) : undefined;
  if (phone) for (const c of await data.query('contacts', { phoneKey: phone })) add(c, 'same phone', 1, true);
  if (person.name) {
    // Names cannot be looked up by key (they are fuzzy), so this reads the tenant's contacts.
    for (const c of await data.query('contacts')) {
      const similarity = nameSimilarity(person.name, String(c.name ?? ''));
      if (similarity >= nameThreshold) add(c, `similar name (${similarity.toFixed(2)})`, similarity, false);
    }
  }
  return [...found.values()].sort((a, b) => Number(b.certain) - Number(a.certain) || b.score - a.score);
}
