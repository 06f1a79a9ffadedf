/**
 * core/start: where a flow begins. The engine interprets it: its output is the run's inputs (after
 * defaults), so later nodes can read them as `nodes.<id>` as well as `inputs`.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { FlowError } from '../../runtime/workflow/errors.ts';

const plugin: NodePlugin = definePlugin({
  manifest: {
    id: 'core/start',
    version: '1.0.0',
    kind: 'node',
    control: 'start',
    title: 'Start',
    description: "Where the flow begins. Passes the workflow's inputs on to the next node.",
    category: 'Flow',
    icon: 'play',
    config: { type: 'object', properties: {}, additionalProperties: false },
    outputs: {
      type: 'object',
      description: "The run's inputs, with declared defaults filled in.",
      additionalProperties: true,
    },
    examples: [{ title: 'Begin a flow', output: { message: 'Where is my order?' } }],
  },
  run() {
    throw new FlowError('control-node', 'core/start is interpreted by the engine and cannot run on its own');
  },
});

export default plugin;
