/**
 * core/set: stores named values for later nodes. The engine interprets it: `with.values` is merged
 * into `vars`, so any later expression can read `vars.<name>`.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { FlowError } from '../../runtime/workflow/errors.ts';

const plugin: NodePlugin = definePlugin({
  manifest: {
    id: 'core/set',
    version: '1.0.0',
    kind: 'node',
    control: 'set',
    title: 'Set variables',
    description:
      'Remembers values under names that later nodes read as vars.<name>. Existing names are overwritten.',
    category: 'Flow',
    icon: 'variable',
    config: {
      type: 'object',
      properties: {
        values: {
          type: 'object',
          title: 'Values',
          description: 'Names and values to store, e.g. {"attempts": "{{ default(vars.attempts, 0) + 1 }}"}.',
          additionalProperties: true,
        },
      },
      required: ['values'],
      additionalProperties: false,
    },
    outputs: { type: 'object', description: 'The values that were stored.', additionalProperties: true },
    examples: [
      {
        title: 'Count attempts',
        with: { values: { attempts: '{{ default(vars.attempts, 0) + 1 }}' } },
        output: { attempts: 1 },
      },
    ],
  },
  run() {
    throw new FlowError('control-node', 'core/set is interpreted by the engine and cannot run on its own');
  },
});

export default plugin;
