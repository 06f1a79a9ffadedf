import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationalError, UserError } from '../../runtime/workflow/errors.ts';
import { testContext } from '../../test/fakes/node-context.ts';
import { type SmtpInbox, startSmtpInbox } from '../../test/fakes/smtp-inbox.ts';
import type { EmailCapability, EmailMessage } from './email-message.ts';
import { createSmtpEmail } from './host.ts';
import email from './index.ts';

let inbox: SmtpInbox;
let smtp: ReturnType<typeof createSmtpEmail>;

beforeAll(async () => {
  inbox = await startSmtpInbox({
    auth: { user: 'flow', pass: 's3cret' },
    rejectRecipients: ['gone@example.com'],
  });
  smtp = createSmtpEmail({
    host: '127.0.0.1',
    port: inbox.port,
    auth: { user: 'flow', pass: 's3cret' },
    defaultFrom: '"Acme Support" <support@acme.test>',
  });
});
afterAll(async () => {
  smtp.close();
  await inbox.close();
});

function recording(): EmailCapability & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  return {
    sent,
    send: async (m) => {
      sent.push(m);
      return { messageId: m.messageId, accepted: m.to, rejected: [], response: '250 OK' };
    },
  };
}

describe('tool/email', () => {
  it('delivers the message to a real SMTP server', async () => {
    const ctx = testContext({ idempotencyKey: 'run_9:notify' }) as ReturnType<typeof testContext> & {
      email: EmailCapability;
    };
    ctx.email = smtp;
    const out = await email.run(
      {
        to: 'ada@example.com, bob@example.com',
        bcc: ['audit@acme.test'],
        subject: 'Your order ORD-7 shipped',
        text: 'It is on its way.',
        html: '<p>It is on its way.</p>',
      },
      ctx,
    );
    expect(out).toEqual({
      messageId: '<run_9.notify@flow-studio.invalid>',
      accepted: ['ada@example.com', 'bob@example.com', 'audit@acme.test'],
      rejected: [],
    });
    const mail = inbox.received.at(-1)!;
    expect(mail.from).toBe('support@acme.test');
    expect(mail.to).toEqual(['ada@example.com', 'bob@example.com', 'audit@acme.test']);
    expect(mail.raw).toContain('Subject: Your order ORD-7 shipped');
    expect(mail.raw).toContain('Message-ID: <run_9.notify@flow-studio.invalid>');
    expect(mail.raw).toContain('It is on its way.');
    expect(mail.raw).not.toMatch(/^Bcc:/m);
  });

  it('reports recipients the server refused, and delivers to the rest', async () => {
    const ctx = Object.assign(testContext(), { email: smtp });
    const out = await email.run(
      { to: ['gone@example.com', 'ada@example.com'], subject: 'Hi', text: 'x' },
      ctx,
    );
    expect(out).toMatchObject({ accepted: ['ada@example.com'], rejected: ['gone@example.com'] });
  });

  it('says the server refused the message when every recipient is refused', async () => {
    const ctx = Object.assign(testContext(), { email: smtp });
    await expect(email.run({ to: 'gone@example.com', subject: 'Hi', text: 'x' }, ctx)).rejects.toThrow(
      /refused the message/,
    );
  });

  it('tells a wrong login from a server that is down', async () => {
    const wrong = createSmtpEmail({
      host: '127.0.0.1',
      port: inbox.port,
      auth: { user: 'flow', pass: 'nope' },
      defaultFrom: 'a@acme.test',
    });
    const attempt = Promise.resolve(
      email.run(
        { to: 'ada@example.com', subject: 'Hi', text: 'x' },
        Object.assign(testContext(), { email: wrong }),
      ),
    );
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(/refused the login/);
    wrong.close();
    const down = await startSmtpInbox();
    await down.close();
    const gone = createSmtpEmail({ host: '127.0.0.1', port: down.port, defaultFrom: 'a@acme.test' });
    await expect(
      email.run(
        { to: 'ada@example.com', subject: 'Hi', text: 'x' },
        Object.assign(testContext(), { email: gone }),
      ),
    ).rejects.toBeInstanceOf(OperationalError);
    gone.close();
  });

  it('refuses header injection and bad addresses before sending anything', async () => {
    const capability = recording();
    const ctx = Object.assign(testContext(), { email: capability });
    await expect(
      email.run({ to: 'ada@example.com', subject: 'Hi\r\nBcc: victim@example.com', text: 'x' }, ctx),
    ).rejects.toThrow('tool/email: subject must be one line');
    await expect(
      email.run({ to: 'ada@example.com\nBcc: v@example.com', subject: 'Hi', text: 'x' }, ctx),
    ).rejects.toThrow(/is not an email address/);
    await expect(email.run({ to: 'not an address', subject: 'Hi', text: 'x' }, ctx)).rejects.toThrow(
      "tool/email: to 'not an address' is not an email address",
    );
    await expect(
      email.run({ to: ['a@x.io', 'b@x.io', 'c@x.io'], subject: 'Hi', text: 'x', maxRecipients: 2 }, ctx),
    ).rejects.toThrow('3 recipients, more than the 2 allowed');
    expect(capability.sent).toHaveLength(0);
  });

  it('accepts display names and passes sender and reply-to through', async () => {
    const capability = recording();
    await email.run(
      {
        to: '"Lovelace, Ada" <ada@example.com>, bob@example.com',
        from: 'Sales <sales@acme.test>',
        replyTo: 'help@acme.test',
        subject: 'Hi',
        text: 'x',
      },
      Object.assign(testContext(), { email: capability }),
    );
    expect(capability.sent[0]).toMatchObject({
      to: ['"Lovelace, Ada" <ada@example.com>', 'bob@example.com'],
      from: 'Sales <sales@acme.test>',
      replyTo: 'help@acme.test',
    });
  });

  it('says clearly when the tenant has no email server', async () => {
    await expect(
      email.run({ to: 'ada@example.com', subject: 'Hi', text: 'x' }, testContext()),
    ).rejects.toThrow('no email server is configured for this tenant');
  });
});
