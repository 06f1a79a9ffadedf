import { describe, expect, it } from 'vitest';
import { toMermaid } from './to-mermaid.ts';
import type { Workflow } from './types.ts';

describe('toMermaid', () => {
  it('draws nodes, labelled branches and dashed body/parallel/fallback edges', () => {
    const workflow: Workflow = {
      id: 'support',
      nodes: [
        {
          id: 'classify',
          name: 'Classify "intent"',
          uses: 'core/intent@^1',
          next: [
            { when: '{{ output.score < 0.3 }}', to: 'end' },
            { on: 'refund', to: 'each-order' },
            { when: '{{ x }}', label: 'other', to: 'fan-out' },
            { default: 'end' },
          ],
          onError: { fallback: 'end' },
        },
        { id: 'each-order', uses: 'core/loop', body: 'check', next: 'end' },
        { id: 'check', uses: 'core/set', disabled: true },
        { id: 'fan-out', uses: 'core/parallel', branches: ['check'], next: 'end' },
        { id: 'end', uses: 'core/end' },
      ],
    };
    expect(toMermaid(workflow)).toBe(
      [
        'flowchart TD',
        '  n_classify["Classify #quot;intent#quot;<br/><small>core/intent</small>"]',
        '  n_each_order{{"each-order<br/><small>core/loop</small>"}}',
        '  n_check["check<br/><small>core/set</small>"]',
        '  n_fan_out{{"fan-out<br/><small>core/parallel</small>"}}',
        '  n_end(["end<br/><small>core/end</small>"])',
        '  n_classify -->|"output.score #lt; 0.3"| n_end',
        '  n_classify -->|"on: refund"| n_each_order',
        '  n_classify -->|"other"| n_fan_out',
        '  n_classify -->|"default"| n_end',
        '  n_classify -.->|"on error"| n_end',
        '  n_each_order --> n_end',
        '  n_each_order -.->|"body"| n_check',
        '  n_fan_out --> n_end',
        '  n_fan_out -.->|"parallel"| n_check',
        '  classDef disabled stroke-dasharray: 4 4,opacity:0.5',
        '  class n_check disabled',
        '',
      ].join('\n'),
    );
  });

  it('keeps ids that differ only by - and _ apart', () => {
    const text = toMermaid({
      id: 'x',
      nodes: [
        { id: 'a-b', uses: 'core/set', next: 'a_b' },
        { id: 'a_b', uses: 'core/end' },
      ],
    });
    expect(text).toContain('n_a_b --> n_a_b_2');
  });
});
