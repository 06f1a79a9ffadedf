/**
 * Host side of tool/email: the `ctx.email` capability over SMTP with nodemailer. Runs in the host
 * (never bundled into the sandboxed plugin) with the tenant's SMTP settings.
 */
import nodemailer from 'nodemailer';
import { OperationalError, UserError } from '../../runtime/workflow/errors.ts';
import type { EmailCapability, EmailMessage, EmailReceipt } from './email-message.ts';

/** A tenant's SMTP server. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  /** Refuse to send unless the connection is upgraded to TLS. */
  requireTls?: boolean;
  auth?: { user: string; pass: string };
  /** Sender used when a message names none. */
  defaultFrom: string;
  /** Extra TLS options, e.g. `{ rejectUnauthorized: false }` for a test server. */
  tls?: Record<string, unknown>;
}

interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

// 5xx is the server saying no for good (bad login, refused recipient); anything else may pass later.
function smtpError(error: SmtpFailure, settings: SmtpSettings): Error {
  const where = `SMTP server ${settings.host}:${settings.port}`;
  if (error.code === 'EAUTH')
    return new UserError(
      'email-auth',
      `tool/email: ${where} refused the login: ${error.response ?? error.message}`,
    );
  if (typeof error.responseCode === 'number' && error.responseCode >= 500) {
    return new UserError(
      'email-rejected',
      `tool/email: ${where} refused the message: ${error.response ?? error.message}`,
      { responseCode: error.responseCode },
    );
  }
  return new OperationalError(
    'email-unavailable',
    `tool/email: ${where} could not take the message: ${error.message}`,
    { code: error.code },
    { cause: error },
  );
}

/** Creates the `ctx.email` capability for one tenant's SMTP server. */
export function createSmtpEmail(settings: SmtpSettings): EmailCapability & { close(): void } {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? false,
    requireTLS: settings.requireTls ?? false,
    auth: settings.auth,
    tls: settings.tls,
  });
  return {
    async send(message: EmailMessage): Promise<EmailReceipt> {
      try {
        const info = await transport.sendMail({
          from: message.from ?? settings.defaultFrom,
          to: message.to,
          cc: message.cc,
          bcc: message.bcc,
          replyTo: message.replyTo,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
        });
        const asText = (list: unknown[] | undefined) =>
          (list ?? []).map((a) => (typeof a === 'string' ? a : (a as { address: string }).address));
        return {
          messageId: info.messageId,
          accepted: asText(info.accepted),
          rejected: asText(info.rejected),
          response: info.response,
        };
      } catch (error) {
        throw smtpError(error as SmtpFailure, settings);
      }
    },
    close: () => transport.close(),
  };
}
