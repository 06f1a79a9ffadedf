/**
 * tool/crm: contacts and leads in the tenant's own tables, with duplicate detection by normalised
 * email, phone and name similarity, so a chatbot that meets the same customer twice does not
 * create them twice.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { requireData } from '../node-kit/require-data.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { findDuplicates } from './find-duplicates.ts';
import { type ContactInput, checkContact, upsertContact } from './upsert-contact.ts';

const ID = 'tool/crm';

const person = {
  name: { type: 'string', description: 'Full name.' },
  email: { type: 'string', description: 'Email address.' },
  phone: { type: 'string', description: 'Phone number, any format.' },
  company: { type: 'string', description: 'Company.' },
};

const config = {
  type: 'object',
  additionalProperties: false,
  required: ['action'],
  properties: {
    action: {
      type: 'string',
      enum: ['find-contacts', 'upsert-contact', 'create-lead'],
      description: 'What to do.',
    },
    contact: {
      type: 'object',
      additionalProperties: false,
      properties: { ...person, notes: { type: 'string', description: 'Notes.' } },
      description: 'find-contacts, upsert-contact: the person.',
    },
    lead: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...person,
        source: { type: 'string', description: 'Where the lead came from (chat, web form...).' },
        interest: { type: 'string', description: 'What they want.' },
        notes: { type: 'string', description: 'Notes.' },
      },
      description: 'create-lead: the person and what they are interested in.',
    },
    nameThreshold: {
      type: 'number',
      minimum: 0.5,
      maximum: 1,
      default: 0.8,
      description: 'Name similarity (0..1) from which a contact is reported as a possible duplicate.',
    },
  },
};

interface CrmConfig {
  action: 'find-contacts' | 'upsert-contact' | 'create-lead';
  contact?: ContactInput;
  lead?: ContactInput & { source?: string; interest?: string };
  nameThreshold: number;
}

// A lead in one of these states is still being worked: a second one for the same person is a duplicate.
const OPEN_LEAD = new Set(['new', 'contacted', 'qualified']);

/** The CRM node. */
export default definePlugin<NodePlugin<Record<string, unknown>, Record<string, unknown>>>({
  manifest: {
    id: ID,
    version: '1.0.0',
    kind: 'node',
    title: 'CRM',
    description:
      'Finds and saves contacts and leads, recognising the same person by email, phone or a similar name.',
    category: 'Tools',
    icon: 'contact',
    config,
    outputs: {
      type: 'object',
      properties: {
        branch: { type: 'string', enum: ['found', 'not-found', 'created', 'updated', 'duplicate'] },
        contact: { type: 'object' },
        lead: { type: 'object' },
        matches: { type: 'array', description: 'find-contacts: resembling contacts, best first.' },
        conflicts: {
          type: 'array',
          description: 'Fields where the stored value differs from the one given (not overwritten).',
        },
        possibleDuplicates: {
          type: 'array',
          description: 'Contacts with a similar name only, for a person to check.',
        },
      },
    },
    branches: ['found', 'not-found', 'created', 'updated', 'duplicate'],
    sideEffects: true,
    permissions: { data: ['contacts', 'leads'] },
  },

  async run(rawConfig, ctx) {
    const cfg = readConfig<CrmConfig>(ID, config, rawConfig);
    requireData(ID, ctx);
    if (cfg.action === 'find-contacts') {
      const matches = await findDuplicates(ctx.data, checkContact(cfg.contact, 'contact'), cfg.nameThreshold);
      return { branch: matches.length > 0 ? 'found' : 'not-found', matches };
    }
    if (cfg.action === 'upsert-contact')
      return { ...(await upsertContact(ctx, checkContact(cfg.contact, 'contact'), cfg.nameThreshold)) };
    const { source, interest, notes, ...who } = checkContact(cfg.lead, 'lead') as NonNullable<
      CrmConfig['lead']
    >;
    const { contact, conflicts, possibleDuplicates } = await upsertContact(ctx, who, cfg.nameThreshold);
    const open = (await ctx.data.query('leads', { contactId: contact.id })).find((l) =>
      OPEN_LEAD.has(String(l.status)),
    );
    if (open) return { branch: 'duplicate', lead: open, contact, conflicts, possibleDuplicates };
    const lead = await ctx.data.insert('leads', {
      contactId: contact.id,
      source,
      interest,
      notes,
      status: 'new',
      createdAt: new Date().toISOString(),
    });
    ctx.log(`created lead ${String(lead.id)} for contact ${String(contact.id)}`);
    return { branch: 'created', lead, contact, conflicts, possibleDuplicates };
  },
});
