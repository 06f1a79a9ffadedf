/**
 * The email capability's contract, shared by the sandboxed plugin (which builds messages) and the
 * host (which sends them over SMTP). Plugins cannot open sockets, so sending is a host capability,
 * granted like fetch or kv and exposed to the plugin as `ctx.email`.
 */
import type { NodeContext } from '../../registry/sdk/plugin.ts';

/** A message ready to send. Addresses are plain `name@host` or `"Name" <name@host>` strings. */
export interface EmailMessage {
  from?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  /** Derived from the run step's idempotency key, so a resent retry is recognisably the same mail. */
  messageId: string;
}

/** What the SMTP server said. */
export interface EmailReceipt {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

/** The capability the host grants as `ctx.email`. */
export interface EmailCapability {
  send(message: EmailMessage): Promise<EmailReceipt>;
}

/** A NodeContext that may carry the email capability (proposed as an optional NodeContext field). */
export type EmailContext = NodeContext & { email?: EmailCapability };
