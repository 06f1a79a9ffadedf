import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

/** Invites `email` with `role` and accepts as a new account; returns the new member's browser. */
describe('invitations', () => {
  it('lets an invited person join with the invited role, once', async () => {
    const owner = await host.signUp('inv');
    const created = await owner.client.post('/api/invitations', {
      email: 'New.Person@example.test',
      role: 'builder',
    });
    const browser = host.client();
    const joined = await browser.post('/api/invitations/accept', {
      token: created.body.token,
      password: 'invited password',
      name: 'New',
    });
    expect(joined.body).toMatchObject({
      role: 'builder',
      tenant: { id: owner.tenantId },
      user: { email: 'new.person@example.test' },
    });
    const again = await host.client().post('/api/invitations/accept', {
      token: created.body.token,
      password: 'invited password',
      name: 'New',
    });
    expect(again.status).toBe(404);
    const members = await owner.client.get('/api/members');
    expect(members.body.members.map((m: { role: string }) => m.role).sort()).toEqual(['builder', 'owner']);
  });

  it('lets an existing user join a second tenant with their password and pick it at sign-in', async () => {
    const first = await host.signUp('first');
    const second = await host.signUp('second');
    const created = await second.client.post('/api/invitations', { email: first.email, role: 'viewer' });
    const wrong = await host
      .client()
      .post('/api/invitations/accept', { token: created.body.token, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(
      (
        await host
          .client()
          .post('/api/invitations/accept', { token: created.body.token, password: first.password })
      ).status,
    ).toBe(200);
    const me = await host.client().post('/api/auth/login', {
      email: first.email,
      password: first.password,
      tenant: (await second.client.get('/api/auth/me')).body.tenant.slug,
    });
    expect(me.body).toMatchObject({ role: 'viewer', tenant: { id: second.tenantId } });
  });

  it('refuses an unknown token without saying more', async () => {
    const res = await host
      .client()
      .post('/api/invitations/accept', { token: 'x'.repeat(32), password: 'whatever pw', name: 'N' });
    expect(res.status).toBe(404);
  });
});

describe('roles', () => {
  it('lets a viewer read but not invite, and says which permission is missing', async () => {
    const owner = await host.signUp('roles');
    const { client: browser } = await host.join(owner, 'viewer', 'viewer@roles.test');
    expect((await browser.get('/api/members')).status).toBe(200);
    const res = await browser.post('/api/invitations', { email: 'x@y.test', role: 'viewer' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe("role 'viewer' may not members manage");
  });

  it('changes a role, records it in the audit log, and the member feels it at once', async () => {
    const owner = await host.signUp('promote');
    const { client: browser, userId } = await host.join(owner, 'viewer', 'p@promote.test');
    const changed = await owner.client.patch(`/api/members/${userId}`, { role: 'admin' });
    expect(changed.body).toMatchObject({ userId, role: 'admin' });
    expect((await browser.get('/api/invitations')).status).toBe(200);
    const log = await owner.client.get('/api/audit-log?action=member.role_changed');
    expect(log.body.entries[0]).toMatchObject({ target: userId, details: { from: 'viewer', to: 'admin' } });
  });

  it('keeps at least one owner and lets only owners make owners', async () => {
    const owner = await host.signUp('owners');
    const { client: admin, userId: adminId } = await host.join(owner, 'admin', 'a@owners.test');
    const selfPromote = await admin.patch(`/api/members/${adminId}`, { role: 'owner' });
    expect(selfPromote.status).toBe(403);
    const demoteLast = await owner.client.patch(`/api/members/${owner.userId}`, { role: 'admin' });
    expect(demoteLast.status).toBe(409);
    expect(demoteLast.body.error.message).toMatch(/at least one owner/);
  });

  it('ends the sessions of a removed member', async () => {
    const owner = await host.signUp('remove');
    const { client: browser, userId } = await host.join(owner, 'builder', 'b@remove.test');
    expect((await owner.client.delete(`/api/members/${userId}`)).status).toBe(204);
    expect((await browser.get('/api/members')).status).toBe(401);
  });
});
