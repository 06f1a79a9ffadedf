/**
 * core/template: renders a reply from a template and data. Uses `[[ ]]` delimiters (see render.ts)
 * because `{{ }}` in `with:` is already evaluated by the engine before the node runs.
 */
import { definePlugin, type NodePlugin } from '../../registry/sdk/plugin.ts';
import { UserError } from '../../runtime/workflow/errors.ts';
import { renderTemplate } from './render.ts';

/** The node's `with:` block. */
export interface TemplateConfig {
  template?: string;
  data?: unknown;
  escape?: 'none' | 'html';
  strict?: boolean;
  trim?: boolean;
}

/** What the node reports. */
export interface TemplateOutput {
  text: string;
  missing: string[];
}

const plugin: NodePlugin<TemplateConfig, TemplateOutput> = definePlugin({
  manifest: {
    id: 'core/template',
    version: '1.0.0',
    kind: 'node',
    title: 'Template',
    description:
      'Renders text from a template and data, Mustache-style with [[ ]] delimiters (the engine already fills in {{ }} ' +
      'before this node runs). [[name]] or [[customer.name]] inserts a value; [[name | there]] gives a fallback; ' +
      '[[#items]]...[[/items]] repeats for each item (or shows once when the value is truthy), with [[.]], [[@number]], ' +
      '[[@first]] and [[@last]] inside; [[^items]]...[[/items]] shows when the value is empty; [[! note ]] is a comment. ' +
      'Lines holding only a section tag are removed.',
    category: 'Text',
    icon: 'file-text',
    config: {
      type: 'object',
      properties: {
        template: {
          type: 'string',
          title: 'Template',
          description:
            'The text to render, e.g. "Hi [[name | there]], your order [[order.id]] is [[order.status]]."',
          'x-widget': 'textarea',
        },
        data: {
          title: 'Data',
          description:
            'The values the template reads, e.g. { name: "{{ inputs.name }}", order: "{{ nodes.lookup.order }}" }.',
          default: {},
        },
        escape: {
          type: 'string',
          title: 'Escape',
          description:
            'html escapes <, >, &, quotes in inserted values (for HTML channels); none leaves them as they are.',
          enum: ['none', 'html'],
          default: 'none',
        },
        strict: {
          type: 'boolean',
          title: 'Strict',
          description: 'Fail the node when a value has no data and no fallback.',
          default: false,
        },
        trim: {
          type: 'boolean',
          title: 'Trim',
          description: 'Remove leading and trailing whitespace from the result.',
          default: true,
        },
      },
      required: ['template'],
      additionalProperties: false,
    },
    outputs: {
      type: 'object',
      properties: {
        text: { type: 'string', description: 'The rendered text.' },
        missing: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names that had no value (rendered as empty).',
        },
      },
      required: ['text', 'missing'],
    },
    examples: [
      {
        title: 'Greeting',
        with: { template: 'Hi [[name | there]]!', data: { name: 'Ann' } },
        output: { text: 'Hi Ann!', missing: [] },
      },
    ],
  },
  run(config) {
    if (typeof config.template !== 'string')
      throw new UserError('invalid-config', 'template: "template" must be text');
    const { text, missing } = renderTemplate(config.template, config.data ?? {}, {
      escape: config.escape,
      strict: config.strict,
    });
    return { text: config.trim === false ? text : text.trim(), missing };
  },
});

export default plugin;
