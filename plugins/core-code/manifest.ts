/**
 * The manifest of core/code: a node that runs a snippet of JavaScript or TypeScript in the sandbox.
 */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';

/** core/code's manifest. It declares no permissions: code nodes reach nothing but their input and the trace. */
export const codeManifest: PluginManifest & { kind: 'node' } = {
  id: 'core/code',
  version: '1.0.0',
  kind: 'node',
  title: 'Code',
  description:
    'Runs a snippet of JavaScript or TypeScript in the sandbox. The snippet is the body of an async function: ' +
    "it reads `input` (the node's `input` setting) and `context` ({ runId, nodeId, vars }), may use `await`, and " +
    "`return`s the node's output. console.log/warn/error lines go to the run trace. Types are stripped, not checked. " +
    "No network, files or timers; CPU time and memory are limited by the tenant's plan.",
  category: 'Logic',
  icon: 'code',
  config: {
    type: 'object',
    properties: {
      code: {
        type: 'string',
        title: 'Code',
        description: 'Body of an async function of (input, context); `return` the output.',
        'x-widget': 'code',
      },
      language: {
        type: 'string',
        enum: ['typescript', 'javascript'],
        default: 'typescript',
        title: 'Language',
      },
      input: { title: 'Input', description: 'Any value; the code reads it as `input`.' },
      vars: {
        type: 'object',
        title: 'Variables',
        description: 'Extra values the code reads as `context.vars`.',
      },
    },
    required: ['code'],
    additionalProperties: false,
  },
  outputs: { description: 'Whatever the code returns (JSON).' },
  permissions: {},
  examples: [
    {
      title: 'Total of an order',
      with: {
        code: 'const lines: Array<{ qty: number; price: number }> = input.lines;\nreturn { total: lines.reduce((sum, l) => sum + l.qty * l.price, 0) };',
        input: {
          lines: [
            { qty: 2, price: 5 },
            { qty: 1, price: 3 },
          ],
        },
      },
      output: { total: 13 },
    },
  ],
};
