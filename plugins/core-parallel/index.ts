/**
 * core/parallel: runs several chains at the same time (the node's `branches:`) and joins them. The
 * engine interprets it: with `join: first` the first chain to finish wins and the others are cancelled.
 */

import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { FlowError } from '../../runtime/workflow/errors.ts';

const plugin: NodePlugin = definePlugin({
  manifest: {
    id: 'core/parallel',
    version: '1.0.0',
    kind: 'node',
    control: 'parallel',
    title: 'Parallel',
    description:
      'Runs several branches at the same time, then continues with next. Each branch is a chain of nodes starting at one of the ids in branches.',
    category: 'Flow',
    icon: 'split',
    config: {
      type: 'object',
      properties: {
        join: {
          type: 'string',
          enum: ['all', 'first'],
          default: 'all',
          title: 'Wait for',
          description:
            'all: wait for every branch (one failing fails the node); first: take the first branch to finish and cancel the others.',
        },
      },
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      description:
        "The output of the last node of each branch, keyed by the id of the branch's first node (only the winner with join: first).",
      additionalProperties: true,
    },
    examples: [
      {
        title: 'Ask two sources at once',
        with: { join: 'all' },
        output: { faq: { hits: [] }, orders: { rows: [] } },
      },
    ],
  },
  run() {
    throw new FlowError(
      'control-node',
      'core/parallel is interpreted by the engine and cannot run on its own',
    );
  },
});

export default plugin;
