import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../../test/support/test-host.ts';
import { signSessionCookie } from './session-cookie.ts';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost({ config: { loginLimit: { max: 3, windowMs: 60_000 } } });
});
afterAll(() => host.close());

describe('sign-up and sign-in', () => {
  it('creates a tenant with the new user as owner and signs them in', async () => {
    const { client, email } = await host.signUp('alpha');
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email }, role: 'owner', via: 'session' });
    expect(me.body.csrfToken).toBe(client.cookies.get('flow_csrf'));
  });

  it('sets the session cookie httpOnly and SameSite', async () => {
    const res = await host.client().post('/api/auth/signup', {
      email: 'cookie@example.test',
      password: 'long enough pw',
      name: 'C',
      tenantName: 'Cookie co',
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('flow_session='));
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const { email } = await host.signUp('dup');
    const res = await host.client().post('/api/auth/signup', {
      email: email.toUpperCase(),
      password: 'another password',
      name: 'X',
      tenantName: 'X',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already exists/);
  });

  it('signs in with the right password and refuses a wrong one', async () => {
    const { email, password } = await host.signUp('beta');
    const good = host.client();
    expect((await good.post('/api/auth/login', { email, password })).status).toBe(200);
    expect((await good.get('/api/auth/me')).body.user.email).toBe(email);
    const bad = await host.client().post('/api/auth/login', { email, password: 'wrong password' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toBe('wrong email or password');
  });

  it('rate limits failed sign-ins per address and email, with Retry-After', async () => {
    const { email, password } = await host.signUp('gamma');
    const client = host.client();
    for (let i = 0; i < 3; i++)
      expect((await client.post('/api/auth/login', { email, password: 'nope nope' })).status).toBe(401);
    const limited = await client.post('/api/auth/login', { email, password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another email from the same address is not affected.
    const other = await host.signUp('delta');
    expect(
      (await host.client().post('/api/auth/login', { email: other.email, password: other.password })).status,
    ).toBe(200);
  });
});

describe('cookies and CSRF', () => {
  it('refuses a tampered cookie', async () => {
    const { client } = await host.signUp('tamper');
    const cookie = client.cookies.get('flow_session')!;
    client.cookies.set(
      'flow_session',
      cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    );
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/invalid or expired/);
  });

  it('refuses a cookie moved to another tenant id', async () => {
    const a = await host.signUp('movea');
    const b = await host.signUp('moveb');
    const [sessionId, , expires, sig] = a.client.cookies.get('flow_session')!.split('.');
    a.client.cookies.set('flow_session', [sessionId, b.tenantId, expires, sig].join('.'));
    expect((await a.client.get('/api/members')).status).toBe(401);
  });

  it('refuses an expired cookie even when correctly signed', async () => {
    const { client } = await host.signUp('expired');
    const [sessionId, tenantId] = client.cookies.get('flow_session')!.split('.');
    client.cookies.set(
      'flow_session',
      signSessionCookie(host.app.services.config.cookieSecret, {
        sessionId: sessionId!,
        tenantId: tenantId!,
        expiresAt: Date.now() - 1000,
      }),
    );
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('requires the CSRF header on unsafe requests made with the cookie', async () => {
    const { client } = await host.signUp('csrf');
    const without = await client.post(
      '/api/invitations',
      { email: 'x@example.test', role: 'viewer' },
      { noCsrf: true },
    );
    expect(without.status).toBe(403);
    expect(without.body.error.message).toMatch(/x-csrf-token/);
    const wrong = await client.post(
      '/api/invitations',
      { email: 'x@example.test', role: 'viewer' },
      { headers: { 'x-csrf-token': 'guess' } },
    );
    expect(wrong.status).toBe(403);
    expect((await client.post('/api/invitations', { email: 'x@example.test', role: 'viewer' })).status).toBe(
      201,
    );
  });
});

describe('sign-out', () => {
  it('ends this session: the old cookie no longer works', async () => {
    const { client } = await host.signUp('logout');
    const stolen = client.cookies.get('flow_session')!;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect(client.cookies.has('flow_session')).toBe(false);
    const replay = host.client();
    replay.cookies.set('flow_session', stolen);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('ends every session of the user when signing out everywhere', async () => {
    const { client, email, password } = await host.signUp('everywhere');
    const laptop = host.client();
    await laptop.post('/api/auth/login', { email, password });
    const res = await client.post('/api/auth/logout-everywhere');
    expect(res.body.ended).toBe(2);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
  });
});

describe('audit', () => {
  it('records sign-ins with the address', async () => {
    const { client, email, password } = await host.signUp('audited');
    await host.client().post('/api/auth/login', { email, password });
    const log = await client.get('/api/audit-log?action=auth.login');
    expect(log.status).toBe(200);
    expect(log.body.entries).toHaveLength(1);
    expect(log.body.entries[0]).toMatchObject({ action: 'auth.login', target: email });
    expect(log.body.entries[0].ip).toMatch(/127\.0\.0\.1/);
  });
});
