/**
 * core/loop: repeats a chain of nodes (the node's `body:`). The engine interprets it: once per item
 * of `with.forEach`, or while `with.while` is true, never more than `with.max` times.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { FlowError } from '../../runtime/workflow/errors.ts';

const plugin: NodePlugin = definePlugin({
  manifest: {
    id: 'core/loop',
    version: '1.0.0',
    kind: 'node',
    control: 'loop',
    title: 'Loop',
    description:
      'Runs the loop body once per item of a list (item and index are available inside), or again and again while a condition holds. ' +
      'The body is a chain of nodes starting at the node named in body; the loop continues with next when it is done.',
    category: 'Flow',
    icon: 'repeat',
    config: {
      type: 'object',
      properties: {
        forEach: {
          title: 'For each',
          description:
            'A list to go through, usually an expression such as "{{ nodes.search.hits }}". Inside the body, item is the current entry and index its position.',
        },
        while: {
          type: 'string',
          title: 'While',
          description:
            'Instead of a list: repeat while this expression is true, checked before each round, e.g. "{{ nodes.poll.status != \'done\' }}". index counts the rounds.',
        },
        max: {
          type: 'integer',
          minimum: 1,
          title: 'At most',
          description:
            'The most rounds allowed; more fails the node. Required with while; 1000 by default with forEach.',
        },
      },
      oneOf: [{ required: ['forEach'] }, { required: ['while', 'max'] }],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        items: { type: 'array', description: 'The output of the last body node, one entry per round.' },
        count: { type: 'integer', description: 'How many rounds ran.' },
      },
    },
    examples: [
      {
        title: 'Translate every line',
        with: { forEach: '{{ inputs.lines }}' },
        output: { items: ['Hallo', 'Welt'], count: 2 },
      },
      { title: 'Poll until done', with: { while: "{{ nodes.poll.status != 'done' }}", max: 10 } },
    ],
  },
  run() {
    throw new FlowError('control-node', 'core/loop is interpreted by the engine and cannot run on its own');
  },
});

export default plugin;
