/**
 * A tenant's mail server, kept as the secret `SMTP_URL`:
 * `smtp://user:pass@mail.example.com:587?from=Shop%20<shop@example.com>` (`smtps://` for TLS on
 * connect, `requireTls=true` to refuse plain text, `insecure=true` to accept a self-signed certificate).
 */
import type { SmtpSettings } from '../../../plugins/tool-email/host.ts';
import { UserError } from '../../workflow/errors.ts';

/** The secret name tenants set to enable `tool/email`. */
export const SMTP_SECRET = 'SMTP_URL';

/** Parses the secret; the error names what is wrong but never echoes the password. */
export function parseSmtpUrl(value: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(
      'invalid-smtp-url',
      `secret ${SMTP_SECRET} is not a URL; expected smtp://user:pass@host:port?from=...`,
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new UserError(
      'invalid-smtp-url',
      `secret ${SMTP_SECRET} must start with smtp:// or smtps://, not ${url.protocol}//`,
    );
  }
  const secure = url.protocol === 'smtps:';
  const from = url.searchParams.get('from');
  if (!from)
    throw new UserError(
      'invalid-smtp-url',
      `secret ${SMTP_SECRET} needs a sender: add ?from=you@example.com`,
    );
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTls: url.searchParams.get('requireTls') === 'true',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    defaultFrom: from,
    tls: url.searchParams.get('insecure') === 'true' ? { rejectUnauthorized: false } : undefined,
  };
}
