/**
 * tool/email: sends an email. The plugin only builds and checks the message; the host's SMTP
 * capability (host.ts, nodemailer) sends it, since sandboxed plugins cannot open sockets.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { readConfig } from '../router-kit/read-config.ts';
import { buildMessage, type MessageSettings } from './build-message.ts';
import type { EmailContext } from './email-message.ts';

const ID = 'tool/email';

const addresses = { type: ['string', 'array'], items: { type: 'string' } };

const config = {
  type: 'object',
  additionalProperties: false,
  required: ['to', 'subject', 'text'],
  properties: {
    to: { ...addresses, description: 'Recipients: one address, a comma-separated list, or a list.' },
    cc: { ...addresses, description: 'Copy to.' },
    bcc: { ...addresses, description: 'Blind copy to.' },
    from: { type: 'string', description: 'Sender. Empty: the tenant’s configured sender.' },
    replyTo: { type: 'string', description: 'Where replies go.' },
    subject: { type: 'string', minLength: 1, maxLength: 998, description: 'Subject line.' },
    text: { type: 'string', description: 'Plain-text body.' },
    html: { type: 'string', description: 'HTML body, shown by mail clients that can.' },
    maxRecipients: {
      type: 'integer',
      minimum: 1,
      maximum: 500,
      default: 20,
      description: 'Refuse to send to more addresses than this.',
    },
  },
};

/** The email node. */
export default definePlugin<NodePlugin<Record<string, unknown>, Record<string, unknown>>>({
  manifest: {
    id: ID,
    version: '1.0.0',
    kind: 'node',
    title: 'Send email',
    description: 'Sends an email through the tenant’s SMTP server.',
    category: 'Tools',
    icon: 'mail',
    config,
    outputs: {
      type: 'object',
      properties: {
        messageId: { type: 'string' },
        accepted: {
          type: 'array',
          items: { type: 'string' },
          description: 'Recipients the server accepted.',
        },
        rejected: { type: 'array', items: { type: 'string' }, description: 'Recipients the server refused.' },
      },
    },
    sideEffects: true,
    permissions: { email: true },
  },

  async run(rawConfig, ctx: EmailContext) {
    const cfg = readConfig<MessageSettings>(ID, config, rawConfig);
    const message = buildMessage(cfg, ctx.idempotencyKey);
    if (!ctx.email)
      throw new UserError('missing-capability', `${ID}: no email server is configured for this tenant`);
    const receipt = await ctx.email.send(message);
    ctx.log(`sent email ${receipt.messageId} to ${receipt.accepted.length} recipient(s)`, {
      rejected: receipt.rejected,
    });
    return { messageId: receipt.messageId, accepted: receipt.accepted, rejected: receipt.rejected };
  },
});
