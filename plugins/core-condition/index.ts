/**
 * core/condition: an if/else. The engine has already evaluated `with.if`, so this node only decides
 * what counts as true and reports the branch the `next:` edges route on (`on: 'true'` / `on: 'false'`).
 */
import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';

/** The node's `with:` block. */
export interface ConditionConfig {
  if?: unknown;
  negate?: boolean;
}

/** What the node reports. */
export interface ConditionOutput {
  result: boolean;
  branch: 'true' | 'false';
}

/** Strings a builder would read as "no": a mixed-text expression like "{{ a }}" yields text, not a boolean. */
const FALSY_TEXT = new Set(['', 'false', '0', 'no', 'off', 'null', 'undefined', 'nan']);

/** How a builder reads a value as yes/no: empty lists and objects are false, as are "false"/"0"/"no". */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return !FALSY_TEXT.has(value.trim().toLowerCase());
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

const plugin: NodePlugin<ConditionConfig, ConditionOutput> = definePlugin({
  manifest: {
    id: 'core/condition',
    version: '1.0.0',
    kind: 'node',
    title: 'Condition',
    description:
      'Routes the flow one of two ways. Takes the "true" branch when the value is truthy and "false" otherwise. ' +
      'Empty text, "false", "0", "no", null, 0, empty lists and empty objects count as false.',
    category: 'Logic',
    icon: 'git-branch',
    config: {
      type: 'object',
      properties: {
        if: {
          title: 'If',
          description: 'The value to test, usually an expression such as "{{ nodes.lookup.count > 0 }}".',
        },
        negate: {
          type: 'boolean',
          title: 'Negate',
          description: 'Swap the branches: take "true" when the value is falsy.',
          default: false,
        },
      },
      required: ['if'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        result: { type: 'boolean', description: 'The value read as yes/no (after negate).' },
        branch: { type: 'string', enum: ['true', 'false'], description: 'The branch taken.' },
      },
      required: ['result', 'branch'],
    },
    branches: ['true', 'false'],
    examples: [
      {
        title: 'Has an order id',
        with: { if: '{{ len(nodes.entities.orderIds) > 0 }}' },
        output: { result: true, branch: 'true' },
      },
    ],
  },
  run(config) {
    const result = isTruthy(config.if) !== Boolean(config.negate);
    return { result, branch: result ? 'true' : 'false' };
  },
});

export default plugin;
