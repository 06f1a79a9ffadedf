/**
 * core/end: finishes the flow. The engine interprets it: `with.output` becomes the run's output
 * (or the sub-workflow's, when the flow was called from another one) and nothing after it runs.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { FlowError } from '../../runtime/workflow/errors.ts';

const plugin: NodePlugin = definePlugin({
  manifest: {
    id: 'core/end',
    version: '1.0.0',
    kind: 'node',
    control: 'end',
    title: 'End',
    description:
      'Finishes the flow and returns a result. Without an output, the flow returns the output of the node before it.',
    category: 'Flow',
    icon: 'square',
    config: {
      type: 'object',
      properties: {
        output: {
          title: 'Output',
          description:
            'What the flow returns, usually an object built with expressions such as {"reply": "{{ nodes.answer.text }}"}.',
        },
      },
      additionalProperties: false,
    },
    outputs: { description: 'The same value as the output setting: the result of the run.' },
    examples: [
      {
        title: 'Return a reply',
        with: { output: { reply: '{{ nodes.answer.text }}' } },
        output: { reply: 'Hello!' },
      },
    ],
  },
  run() {
    throw new FlowError('control-node', 'core/end is interpreted by the engine and cannot run on its own');
  },
});

export default plugin;
