/**
 * core/entities: pulls structured facts out of a message — emails, phone numbers, order ids, money
 * amounts, dates and catalogue products — offline, with patterns the builder can tune. Extractors
 * run in a fixed order and each claims its text, so "2025-03-04" is a date and never a phone number.
 */
import { definePlugin, type NodeContext, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { NodeError, UserError } from '../../runtime/workflow/errors.ts';
import { type FoundDate, findDates } from './dates.ts';
import { type FoundAmount, findAmounts, findEmails, findOrderIds, findPhones } from './patterns.ts';
import { type CatalogueItem, type FoundProduct, findProducts, prepareCatalogue } from './products.ts';
import { Claimed } from './spans.ts';

/** Entity types the node can look for. */
export const ENTITY_TYPES = ['email', 'orderId', 'date', 'amount', 'product', 'phone'] as const;
/** One entity type. */
export type EntityType = (typeof ENTITY_TYPES)[number];

/** The node's `with:` block. */
export interface EntitiesConfig {
  text?: unknown;
  types?: EntityType[];
  orderIdPattern?: string;
  products?: CatalogueItem[];
  catalogue?: string;
  today?: string;
  dateOrder?: 'dmy' | 'mdy';
  currency?: string;
}

/** What the node reports: every match per type, plus the first of each for easy use in expressions. */
export interface EntitiesOutput {
  emails: string[];
  phones: string[];
  orderIds: string[];
  amounts: FoundAmount[];
  dates: FoundDate[];
  products: FoundProduct[];
  email: string | null;
  phone: string | null;
  orderId: string | null;
  amount: FoundAmount | null;
  date: string | null;
  product: FoundProduct | null;
  found: EntityType[];
  count: number;
}

/** The reference day for "today"/"tomorrow": config `today`, else the current UTC day. */
function referenceDay(today: string | undefined, nodeId: string): Date {
  if (today === undefined || today === '') {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  if (!m)
    throw new UserError(
      'invalid-config',
      `entities (${nodeId}): "today" must be a date like 2025-03-14, got ${JSON.stringify(today)}`,
    );
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
}

/** The product catalogue from config, or from an asset file through ctx.assets. */
async function loadCatalogue(config: EntitiesConfig, ctx: NodeContext): Promise<unknown> {
  if (config.products) return config.products;
  if (!config.catalogue) return [];
  if (!ctx.assets) {
    throw new NodeError(
      'missing-capability',
      `entities: cannot read catalogue "${config.catalogue}": this run grants no asset access`,
      { nodeId: ctx.nodeId },
    );
  }
  return ctx.assets.read(config.catalogue);
}

const plugin: NodePlugin<EntitiesConfig, Promise<EntitiesOutput>> = definePlugin({
  manifest: {
    id: 'core/entities',
    version: '1.0.0',
    kind: 'node',
    title: 'Entities',
    description:
      'Finds emails, phone numbers, order ids, money amounts, dates (2025-03-14, 14/03/2025, March 14, today, tomorrow, ' +
      'next friday, in 3 days) and products from your catalogue in a message. Each list keeps every match; ' +
      'email, phone, orderId, amount, date and product hold the first one (or null).',
    category: 'AI',
    icon: 'scan-text',
    config: {
      type: 'object',
      properties: {
        text: {
          type: 'string',
          title: 'Text',
          description: 'The message to read, e.g. "{{ inputs.message }}".',
        },
        types: {
          type: 'array',
          title: 'Look for',
          description: 'Which entity types to extract; all by default.',
          items: { type: 'string', enum: [...ENTITY_TYPES] },
          uniqueItems: true,
          default: [...ENTITY_TYPES],
        },
        orderIdPattern: {
          type: 'string',
          title: 'Order id pattern',
          description:
            'A regular expression for your order ids (matched ignoring case, returned in upper case).',
          default: '\\bORD-\\d{4,8}\\b',
        },
        products: {
          type: 'array',
          title: 'Products',
          description:
            'Product names, or { id, name, aliases } objects. Plurals match too ("mugs" finds "Mug").',
          items: {
            anyOf: [
              { type: 'string' },
              {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  name: { type: 'string' },
                  aliases: { type: 'array', items: { type: 'string' } },
                },
                required: ['name'],
              },
            ],
          },
        },
        catalogue: {
          type: 'string',
          title: 'Catalogue file',
          description:
            'A JSON/YAML file next to the workflow holding the products (a list or { products: [...] }); used when Products is empty.',
        },
        today: {
          type: 'string',
          title: 'Today',
          description: 'The day relative dates count from (YYYY-MM-DD); the current day by default.',
          format: 'date',
        },
        dateOrder: {
          type: 'string',
          title: 'Date order',
          description:
            'How to read 03/04/2025 when both numbers could be the month: dmy (3 April) or mdy (March 4).',
          enum: ['dmy', 'mdy'],
          default: 'dmy',
        },
        currency: {
          type: 'string',
          title: 'Currency of $',
          description: 'The ISO code a bare "$" means.',
          default: 'USD',
        },
      },
      required: ['text'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        emails: { type: 'array', items: { type: 'string' } },
        phones: {
          type: 'array',
          items: { type: 'string' },
          description: 'Digits, with a leading + when written.',
        },
        orderIds: { type: 'array', items: { type: 'string' } },
        amounts: {
          type: 'array',
          items: {
            type: 'object',
            properties: { value: { type: 'number' }, currency: { type: 'string' }, text: { type: 'string' } },
          },
        },
        dates: {
          type: 'array',
          items: { type: 'object', properties: { date: { type: 'string' }, text: { type: 'string' } } },
        },
        products: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              name: { type: 'string' },
              quantity: { type: 'integer' },
              text: { type: 'string' },
            },
          },
        },
        email: { type: ['string', 'null'] },
        phone: { type: ['string', 'null'] },
        orderId: { type: ['string', 'null'] },
        amount: { type: ['object', 'null'] },
        date: { type: ['string', 'null'], description: 'The first date as YYYY-MM-DD.' },
        product: { type: ['object', 'null'] },
        found: { type: 'array', items: { type: 'string' }, description: 'The entity types present.' },
        count: { type: 'integer', description: 'All matches together.' },
      },
    },
    // A `catalogue` file name is read through ctx.assets.
    permissions: { assets: true },
    examples: [
      {
        title: 'Support message',
        with: {
          text: 'Order ORD-12345 was $25.99, email me at ann@example.com',
          types: ['orderId', 'amount', 'email'],
        },
        output: {
          orderId: 'ORD-12345',
          email: 'ann@example.com',
          amount: { value: 25.99, currency: 'USD', text: '$25.99' },
        },
      },
    ],
  },
  async run(config, ctx) {
    const text =
      typeof config.text === 'string' ? config.text : config.text == null ? '' : String(config.text);
    const types = new Set<EntityType>(config.types ?? ENTITY_TYPES);
    const claimed = new Claimed();
    // Order matters: each extractor claims its text before the looser ones (phone numbers) run.
    const emails = types.has('email') ? findEmails(text, claimed) : [];
    const orderIds = types.has('orderId')
      ? findOrderIds(text, config.orderIdPattern ?? '\\bORD-\\d{4,8}\\b', claimed)
      : [];
    const dates = types.has('date')
      ? findDates(text, referenceDay(config.today, ctx.nodeId), config.dateOrder ?? 'dmy', claimed)
      : [];
    const amounts = types.has('amount') ? findAmounts(text, config.currency ?? 'USD', claimed) : [];
    const products = types.has('product')
      ? findProducts(text, prepareCatalogue(await loadCatalogue(config, ctx)), claimed)
      : [];
    const phones = types.has('phone') ? findPhones(text, claimed) : [];
    const lists: Record<EntityType, unknown[]> = {
      email: emails,
      orderId: orderIds,
      date: dates,
      amount: amounts,
      product: products,
      phone: phones,
    };
    const found = ENTITY_TYPES.filter((t) => lists[t].length > 0);
    return {
      emails,
      phones,
      orderIds,
      amounts,
      dates,
      products,
      email: emails[0] ?? null,
      phone: phones[0] ?? null,
      orderId: orderIds[0] ?? null,
      amount: amounts[0] ?? null,
      date: dates[0]?.date ?? null,
      product: products[0] ?? null,
      found,
      count: Object.values(lists).reduce((n, list) => n + list.length, 0),
    };
  },
});

export default plugin;
