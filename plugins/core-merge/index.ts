/**
 * core/merge: combines several objects into one, e.g. the outputs of parallel branches or a base
 * record plus overrides. Later objects win; nested objects merge; lists follow `with.arrays`.
 */
import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { type ArrayMerge, deepMerge, isPlainObject } from './deep-merge.ts';

/** The node's `with:` block. */
export interface MergeConfig {
  items?: unknown[];
  arrays?: ArrayMerge;
}

/** What the node reports. */
export interface MergeOutput {
  result: Record<string, unknown>;
  merged: number;
}

const plugin: NodePlugin<MergeConfig, MergeOutput> = definePlugin({
  manifest: {
    id: 'core/merge',
    version: '1.0.0',
    kind: 'node',
    title: 'Merge',
    description:
      'Deep-merges a list of objects into one. Later objects win, nested objects are merged key by key, ' +
      'and lists are replaced, concatenated or united. Empty values (null) in the list are skipped.',
    category: 'Data',
    icon: 'merge',
    config: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          title: 'Objects',
          description: 'The objects to merge, in order, e.g. ["{{ nodes.profile }}", "{{ nodes.order }}"].',
          items: {},
          default: [],
        },
        arrays: {
          type: 'string',
          title: 'Lists',
          description:
            'When both sides hold a list: replace (later wins), concat (append), or union (append new items only).',
          enum: ['replace', 'concat', 'union'],
          default: 'replace',
        },
      },
      required: ['items'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        result: { type: 'object', description: 'The merged object.' },
        merged: { type: 'integer', description: 'How many objects went into it.' },
      },
      required: ['result', 'merged'],
    },
    examples: [
      {
        title: 'Defaults plus overrides',
        with: { items: [{ a: 1, b: { c: 1 } }, { b: { d: 2 } }] },
        output: { result: { a: 1, b: { c: 1, d: 2 } }, merged: 2 },
      },
    ],
  },
  run(config) {
    const items = config.items ?? [];
    if (!Array.isArray(items))
      throw new UserError('invalid-config', 'merge: "items" must be a list of objects');
    const bad = items.findIndex((item) => item !== null && item !== undefined && !isPlainObject(item));
    if (bad >= 0) {
      throw new UserError(
        'invalid-config',
        `merge: item ${bad + 1} is ${Array.isArray(items[bad]) ? 'a list' : typeof items[bad]}, expected an object`,
      );
    }
    return {
      result: deepMerge(items, config.arrays ?? 'replace'),
      merged: items.filter(isPlainObject).length,
    };
  },
});

export default plugin;
