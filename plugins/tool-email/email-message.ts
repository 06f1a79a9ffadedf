/**
 * The email capability's contract, shared by the sandboxed plugin (which builds messages) and the
 * host (which sends them over SMTP). Plugins cannot open sockets, so sending is a host capability,
 * granted like fetch or kv and exposed to the plugin as `ctx.email`. The types live in the SDK.
 */
import type { EmailMessage, EmailReceipt, NodeContext } from '../../registry/sdk/plugin.ts';

export type { EmailMessage, EmailReceipt };

/** The capability the host grants as `ctx.email`. */
export type EmailCapability = NonNullable<NodeContext['email']>;

/** A NodeContext with the email capability typed. */
export type EmailContext = NodeContext;
