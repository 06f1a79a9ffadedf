/**
 * core/workflow: calls another workflow as one step. The engine interprets it: the sub-workflow runs
 * with `with.input` as its inputs, and its output becomes this node's output.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { FlowError } from '../../runtime/workflow/errors.ts';

const plugin: NodePlugin = definePlugin({
  manifest: {
    id: 'core/workflow',
    version: '1.0.0',
    kind: 'node',
    control: 'workflow',
    title: 'Run workflow',
    description:
      "Runs another workflow as one step and continues with its result. Its nodes show up in this run's trace.",
    category: 'Flow',
    icon: 'workflow',
    config: {
      type: 'object',
      properties: {
        workflow: {
          type: 'string',
          title: 'Workflow',
          description:
            'The id of the workflow to run, or its path relative to this one (e.g. ./lookup-order.yaml).',
        },
        input: {
          type: 'object',
          title: 'Input',
          description: 'The inputs to give it, e.g. {"orderId": "{{ nodes.extract.orderId }}"}.',
          additionalProperties: true,
        },
      },
      required: ['workflow'],
      additionalProperties: false,
    },
    outputs: { description: "The sub-workflow's output: its End node's output, or its last node's output." },
    examples: [
      {
        title: 'Look up an order',
        with: { workflow: 'lookup-order', input: { orderId: '{{ nodes.extract.orderId }}' } },
      },
    ],
  },
  run() {
    throw new FlowError(
      'control-node',
      'core/workflow is interpreted by the engine and cannot run on its own',
    );
  },
});

export default plugin;
