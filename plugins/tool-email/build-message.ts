/**
 * Builds and checks an email from the node's settings. Line breaks in headers are refused outright:
 * they are how header injection adds a Bcc to someone else's inbox.
 */
import { UserError } from '../../runtime/workflow/errors.ts';
import type { EmailMessage } from './email-message.ts';

/** The node's settings that make up a message. */
export interface MessageSettings {
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  from?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  maxRecipients: number;
}

const ADDRESS =
  /^(?:"[^"\r\n]*"\s*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^"\s@<>]*\s*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+)$/;

function list(value: string | string[] | undefined, field: string): string[] {
  // Commas inside a quoted display name ("Lovelace, Ada" <ada@...>) do not separate addresses.
  const parts = Array.isArray(value)
    ? value
    : value === undefined
      ? []
      : (value.match(/(?:"[^"]*"|[^,])+/g) ?? []);
  const items = parts.map((a) => a.trim()).filter((a) => a !== '');
  for (const address of items) {
    if (/[\r\n]/.test(address) || !ADDRESS.test(address))
      throw new UserError('invalid-email', `tool/email: ${field} '${address}' is not an email address`);
  }
  return items;
}

function header(value: string | undefined, field: string): string | undefined {
  if (value !== undefined && /[\r\n]/.test(value))
    throw new UserError('invalid-email', `tool/email: ${field} must be one line`);
  return value;
}

/** The message to send for these settings, with a Message-ID derived from the idempotency key. */
export function buildMessage(settings: MessageSettings, idempotencyKey: string): EmailMessage {
  const to = list(settings.to, 'to');
  const cc = list(settings.cc, 'cc');
  const bcc = list(settings.bcc, 'bcc');
  if (to.length === 0) throw new UserError('invalid-email', 'tool/email: to needs at least one address');
  const count = to.length + cc.length + bcc.length;
  if (count > settings.maxRecipients) {
    throw new UserError(
      'too-many-recipients',
      `tool/email: ${count} recipients, more than the ${settings.maxRecipients} allowed (maxRecipients)`,
    );
  }
  const subject = header(settings.subject, 'subject')!;
  if (subject.trim() === '') throw new UserError('invalid-email', 'tool/email: subject is empty');
  const from = settings.from === undefined ? undefined : list(settings.from, 'from')[0];
  const replyTo = settings.replyTo === undefined ? undefined : list(settings.replyTo, 'replyTo')[0];
  const localPart = idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '.').slice(0, 200);
  return {
    from,
    to,
    cc,
    bcc,
    replyTo,
    subject,
    text: settings.text,
    html: settings.html,
    messageId: `<${localPart}@flow-studio.invalid>`,
  };
}
