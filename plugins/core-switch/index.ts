/**
 * core/switch: routes on a value. Each entry in `with.cases` is a branch name; the first case that
 * matches the value is the branch taken, and `default` when none does.
 */
import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';

/** How a case is compared with the value. */
export type SwitchMatch = 'exact' | 'ignoreCase' | 'contains' | 'startsWith' | 'regex';

/** The node's `with:` block. */
export interface SwitchConfig {
  value?: unknown;
  cases?: Array<string | number | boolean>;
  match?: SwitchMatch;
}

/** What the node reports. */
export interface SwitchOutput {
  value: unknown;
  branch: string;
  matched: boolean;
}

/** Text form of a value for comparison: numbers and booleans compare as they are written. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** True when `candidate` matches the value under the chosen mode. */
function matches(value: string, candidate: string, mode: SwitchMatch): boolean {
  switch (mode) {
    case 'exact':
      return value === candidate;
    case 'ignoreCase':
      return value.trim().toLowerCase() === candidate.trim().toLowerCase();
    case 'contains':
      return candidate !== '' && value.toLowerCase().includes(candidate.toLowerCase());
    case 'startsWith':
      return candidate !== '' && value.toLowerCase().startsWith(candidate.toLowerCase());
    case 'regex':
      try {
        return new RegExp(candidate, 'i').test(value);
      } catch (error) {
        throw new UserError(
          'invalid-config',
          `switch case ${JSON.stringify(candidate)} is not a valid regular expression: ${(error as Error).message}`,
        );
      }
  }
}

const plugin: NodePlugin<SwitchConfig, SwitchOutput> = definePlugin({
  manifest: {
    id: 'core/switch',
    version: '1.0.0',
    kind: 'node',
    title: 'Switch',
    description:
      'Routes the flow by a value. Each case is a branch; the first case that matches the value is taken, ' +
      'and the "default" branch when none matches.',
    category: 'Logic',
    icon: 'split',
    config: {
      type: 'object',
      properties: {
        value: { title: 'Value', description: 'The value to route on, e.g. "{{ nodes.classify.intent }}".' },
        cases: {
          type: 'array',
          title: 'Cases',
          description: 'Branch names, tried in order. A case matches when it equals the value (see Match).',
          items: { type: ['string', 'number', 'boolean'] },
          default: [],
        },
        match: {
          type: 'string',
          title: 'Match',
          description:
            'How a case is compared: exact, ignoreCase (default; also trims spaces), contains, startsWith, or regex (case-insensitive).',
          enum: ['exact', 'ignoreCase', 'contains', 'startsWith', 'regex'],
          default: 'ignoreCase',
        },
      },
      required: ['value', 'cases'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        value: { description: 'The value that was routed on.' },
        branch: { type: 'string', description: 'The matching case as written in config, or "default".' },
        matched: {
          type: 'boolean',
          description: 'False when no case matched and the default branch was taken.',
        },
      },
      required: ['value', 'branch', 'matched'],
    },
    branches: { fromConfig: 'cases', extra: ['default'] },
    examples: [
      {
        title: 'Route by intent',
        with: { value: 'refund', cases: ['refund', 'delivery'] },
        output: { value: 'refund', branch: 'refund', matched: true },
      },
    ],
  },
  run(config) {
    const mode = config.match ?? 'ignoreCase';
    if (config.cases !== undefined && !Array.isArray(config.cases)) {
      throw new UserError('invalid-config', 'switch: "cases" must be a list of branch names');
    }
    const value = asText(config.value);
    for (const candidate of config.cases ?? []) {
      const name = asText(candidate);
      if (matches(value, name, mode)) return { value: config.value, branch: name, matched: true };
    }
    return { value: config.value, branch: 'default', matched: false };
  },
});

export default plugin;
