/**
 * tool/email through the host: the plugin runs sandboxed and builds the message; the host sends it
 * over SMTP using the tenant's own `SMTP_URL` secret; a real SMTP server on loopback receives it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpInbox, startSmtpInbox } from '../fakes/smtp-inbox.ts';
import { startTestHost, type TestHost } from '../support/test-host.ts';

let host: TestHost;
let inbox: SmtpInbox;
let acme: Awaited<ReturnType<TestHost['signUp']>>;
let globex: Awaited<ReturnType<TestHost['signUp']>>;

const workflow = `id: notify
inputs:
  email: { type: string, required: true }
nodes:
  - id: send
    uses: tool/email@^1
    with:
      to: "{{ inputs.email }}"
      subject: Your order shipped
      text: "Hello! Your order is on its way."
`;

beforeAll(async () => {
  inbox = await startSmtpInbox({ auth: { user: 'shop', pass: 's3cret pass' } });
  host = await startTestHost();
  acme = await host.signUp('acme');
  globex = await host.signUp('globex');
  for (const tenant of [acme, globex]) await tenant.client.post('/api/workflows', { yaml: workflow });
});
afterAll(async () => {
  await host.close();
  await inbox.close();
});

const run = (tenant: typeof acme) =>
  tenant.client.post('/api/runs', { workflowId: 'notify', input: { email: 'ann@example.test' }, wait: true });

describe('email from a workflow', () => {
  it('says how to configure a mail server when the tenant has none', async () => {
    const res = await run(acme);
    expect(res.body.status).toBe('failed');
    expect(res.body.error.message).toMatch(/set the secret SMTP_URL/);
    expect(inbox.received).toHaveLength(0);
  });

  it("delivers through the tenant's own SMTP server and reports the receipt", async () => {
    const url = `smtp://shop:${encodeURIComponent('s3cret pass')}@127.0.0.1:${inbox.port}?from=${encodeURIComponent('Maple & Co <shop@maple.test>')}`;
    expect((await acme.client.put('/api/secrets/SMTP_URL', { value: url })).status).toBe(200);
    const res = await run(acme);
    expect(res.body.status, JSON.stringify(res.body.error)).toBe('completed');
    expect(inbox.received).toHaveLength(1);
    const mail = inbox.received[0]!;
    expect(mail.from).toBe('shop@maple.test');
    expect(mail.to).toEqual(['ann@example.test']);
    expect(mail.raw).toMatch(/Subject: Your order shipped/);
    expect(mail.raw).toMatch(/Hello! Your order is on its way\./);
    // The password never reaches the run record or its trace.
    expect(JSON.stringify(res.body)).not.toContain('s3cret');
  });

  it("does not use another tenant's mail server", async () => {
    const res = await run(globex);
    expect(res.body.status).toBe('failed');
    expect(res.body.error.message).toMatch(/set the secret SMTP_URL/);
    expect(inbox.received).toHaveLength(1);
  });

  it('explains a malformed SMTP_URL without echoing it', async () => {
    await globex.client.put('/api/secrets/SMTP_URL', { value: 'mail.example.test:25 password=hunter2' });
    const res = await run(globex);
    expect(res.body.status).toBe('failed');
    expect(res.body.error.message).toMatch(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });
});
