import { describe, expect, it } from 'vitest';
import { memoryData } from '../../test/fakes/memory-data.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import crm from './index.ts';
import { emailKey, phoneKey } from './normalize.ts';

function crmWith(contacts: Array<Record<string, string>> = []) {
  const seeded = contacts.map((c) => ({
    ...c,
    emailKey: c.email && emailKey(c.email),
    phoneKey: c.phone && phoneKey(c.phone),
  }));
  const store = memoryData(['contacts', 'leads'], { contacts: seeded });
  return { ...store, ctx: testContext({ data: store.data }) };
}

const ada = { id: 'c_ada', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 7911 123456' };

describe('tool/crm', () => {
  it('creates a new contact with normalised keys', async () => {
    const { ctx, rows } = crmWith();
    const out = await crm.run(
      { action: 'upsert-contact', contact: { name: ' Grace Hopper ', email: 'Grace@Navy.mil' } },
      ctx,
    );
    expect(out).toMatchObject({
      branch: 'created',
      contact: { name: 'Grace Hopper', email: 'Grace@Navy.mil', emailKey: 'grace@navy.mil' },
    });
    expect(rows.contacts).toHaveLength(1);
  });

  it('recognises the same person by phone and fills in what was missing, without overwriting', async () => {
    const { ctx, rows } = crmWith([{ id: 'c_ada', name: 'Ada Lovelace', phone: '+44 7911 123456' }]);
    const out = await crm.run(
      {
        action: 'upsert-contact',
        contact: { name: 'Ada King', phone: '07911 123456', email: 'ada@example.com' },
      },
      ctx,
    );
    expect(out).toMatchObject({
      branch: 'updated',
      contact: { id: 'c_ada', name: 'Ada Lovelace', email: 'ada@example.com', emailKey: 'ada@example.com' },
    });
    expect(out.conflicts).toEqual([{ field: 'name', stored: 'Ada Lovelace', given: 'Ada King' }]);
    expect(rows.contacts).toHaveLength(1);
  });

  it('reports a similar name only as a possible duplicate and still creates the contact', async () => {
    const { ctx, rows } = crmWith([ada]);
    const out = await crm.run(
      { action: 'upsert-contact', contact: { name: 'Ada Lovelance', email: 'other@example.org' } },
      ctx,
    );
    expect(out.branch).toBe('created');
    expect(out.possibleDuplicates).toEqual([
      {
        id: 'c_ada',
        name: 'Ada Lovelace',
        score: expect.any(Number),
        reasons: [expect.stringMatching(/^similar name \(0\.[89]\d\)$/)],
      },
    ]);
    expect(rows.contacts).toHaveLength(2);
  });

  it('finds contacts by any detail, certain matches first', async () => {
    const { ctx } = crmWith([ada, { id: 'c_other', name: 'Ada Lovelace', email: 'ada.l@work.com' }]);
    const out = await crm.run(
      { action: 'find-contacts', contact: { name: 'ada lovelace', email: 'ADA+news@example.com' } },
      ctx,
    );
    const matches = out.matches as Array<{ contact: { id: string }; certain: boolean; reasons: string[] }>;
    expect(matches.map((m) => [m.contact.id, m.certain])).toEqual([
      ['c_ada', true],
      ['c_other', false],
    ]);
    expect(matches[0]!.reasons).toEqual(['same email', 'similar name (1.00)']);
    expect(await crm.run({ action: 'find-contacts', contact: { email: 'nobody@example.com' } }, ctx)).toEqual(
      { branch: 'not-found', matches: [] },
    );
  });

  it('creates a lead linked to the contact, and does not open a second one for the same person', async () => {
    const { ctx, rows } = crmWith([ada]);
    const first = await crm.run(
      { action: 'create-lead', lead: { email: 'ada@example.com', interest: 'Pro plan', source: 'chat' } },
      ctx,
    );
    expect(first).toMatchObject({
      branch: 'created',
      lead: { contactId: 'c_ada', interest: 'Pro plan', status: 'new' },
    });
    const again = await crm.run(
      { action: 'create-lead', lead: { phone: '07911123456', interest: 'Pro plan' } },
      ctx,
    );
    expect(again).toMatchObject({ branch: 'duplicate', lead: { id: (first.lead as { id: string }).id } });
    expect(rows.leads).toHaveLength(1);
  });

  it('opens a new lead once the earlier one is closed', async () => {
    const { ctx, rows } = crmWith([ada]);
    await crm.run({ action: 'create-lead', lead: { email: 'ada@example.com' } }, ctx);
    rows.leads![0]!.status = 'won';
    expect((await crm.run({ action: 'create-lead', lead: { email: 'ada@example.com' } }, ctx)).branch).toBe(
      'created',
    );
  });

  it('refuses contacts it could never recognise again', async () => {
    const { ctx } = crmWith();
    await expect(crm.run({ action: 'upsert-contact', contact: { company: 'ACME' } }, ctx)).rejects.toThrow(
      'contact needs at least a name, an email or a phone',
    );
    await expect(
      crm.run({ action: 'upsert-contact', contact: { email: 'not-an-email' } }, ctx),
    ).rejects.toThrow("contact.email 'not-an-email' is not an email address");
    await expect(crm.run({ action: 'create-lead', lead: { phone: '123' } }, ctx)).rejects.toThrow(
      "lead.phone '123' has too few digits",
    );
    await expect(crm.run({ action: 'upsert-contact', contact: { nmae: 'x' } }, ctx)).rejects.toThrow(
      'config.contact.nmae is not a known setting',
    );
  });
});
