/**
 * Adds a contact unless it is already there. A certain duplicate (same email or phone) is updated
 * instead: empty fields are filled in, but a differing value is reported, never overwritten,
 * because the chat user may be mistaken and the CRM may be right.
 */

import type { NodeContext } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { type DuplicateMatch, findDuplicates } from './find-duplicates.ts';
import { emailKey, isEmail, phoneKey } from './normalize.ts';

/** A contact as given by the flow. */
export interface ContactInput {
  name?: string;
  email?: string;
  phone?: string;
  company?: string;
  notes?: string;
}

/** What the upsert did. */
export interface UpsertResult {
  branch: 'created' | 'updated';
  contact: Record<string, unknown>;
  conflicts: Array<{ field: string; stored: unknown; given: unknown }>;
  possibleDuplicates: Array<{ id: unknown; name: unknown; score: number; reasons: string[] }>;
}

const FIELDS = ['name', 'email', 'phone', 'company', 'notes'] as const;

/** Checks the contact has something to identify it by and that its email and phone are usable. */
export function checkContact(contact: ContactInput | undefined, where: string): ContactInput {
  if (!contact || (!contact.email && !contact.phone && !contact.name)) {
    throw new UserError('invalid-config', `tool/crm: ${where} needs at least a name, an email or a phone`);
  }
  if (contact.email && !isEmail(contact.email))
    throw new UserError(
      'invalid-email',
      `tool/crm: ${where}.email '${contact.email}' is not an email address`,
    );
  if (contact.phone && !phoneKey(contact.phone))
    throw new UserError('invalid-phone', `tool/crm: ${where}.phone '${contact.phone}' has too few digits`);
  return contact;
}

function summary(m: DuplicateMatch) {
  return {
    id: m.contact.id,
    name: m.contact.name,
    score: Math.round(m.score * 100) / 100,
    reasons: m.reasons,
  };
}

/** Creates or updates the contact; see the file comment for the merge rule. */
export async function upsertContact(
  ctx: NodeContext,
  input: ContactInput,
  nameThreshold: number,
): Promise<UpsertResult> {
  const data = ctx.data!;
  const matches = await findDuplicates(data, input, nameThreshold);
  const certain = matches.find((m) => m.certain);
  const keys = {
    emailKey: input.email ? emailKey(input.email) : undefined,
    phoneKey: input.phone ? phoneKey(input.phone) : undefined,
  };
  if (!certain) {
    const row: Record<string, unknown> = { createdAt: new Date().toISOString() };
    for (const field of FIELDS) if (input[field]) row[field] = input[field]!.trim();
    if (keys.emailKey) row.emailKey = keys.emailKey;
    if (keys.phoneKey) row.phoneKey = keys.phoneKey;
    const contact = await data.insert('contacts', row);
    return { branch: 'created', contact, conflicts: [], possibleDuplicates: matches.map(summary) };
  }
  const stored = certain.contact;
  const patch: Record<string, unknown> = {};
  const conflicts: UpsertResult['conflicts'] = [];
  for (const field of FIELDS) {
    const given = input[field]?.trim();
    if (!given) continue;
    if (stored[field] === undefined || stored[field] === '') patch[field] = given;
    else if (!sameValue(field, String(stored[field]), given))
      conflicts.push({ field, stored: stored[field], given });
  }
  if (patch.email) patch.emailKey = keys.emailKey;
  if (patch.phone) patch.phoneKey = keys.phoneKey;
  const contact =
    Object.keys(patch).length > 0
      ? await data.update('contacts', String(stored.id), { ...patch, updatedAt: new Date().toISOString() })
      : stored;
  const others = matches.filter((m) => m !== certain).map(summary);
  return { branch: 'updated', contact, conflicts, possibleDuplicates: others };
}

function sameValue(field: string, stored: string, given: string): boolean {
  if (field === 'email') return emailKey(stored) === emailKey(given);
  if (field === 'phone') return phoneKey(stored) === phoneKey(given);
  return stored.trim().toLowerCase() === given.toLowerCase();
}
