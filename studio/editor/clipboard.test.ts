import { describe, expect, it } from 'vitest';
import { pasteNodes } from './clipboard.ts';
import { uniqueId } from './new-node.ts';

describe('copy and paste', () => {
  it('gives pasted nodes fresh ids and rewires edges between them only', () => {
    const pasted = pasteNodes(
      {
        nodes: [
          { id: 'a', uses: 'core/x', next: [{ when: '{{ true }}', to: 'b' }, { default: 'outside' }] },
          { id: 'b', uses: 'core/x', next: 'outside' },
        ],
        positions: { a: { x: 0, y: 0 } },
      },
      new Set(['a', 'b', 'outside']),
    );
    expect(pasted.map((p) => p.node.id)).toEqual(['a-2', 'b-2']);
    expect(pasted[0]!.node.next).toEqual([{ when: '{{ true }}', to: 'b-2' }]);
    expect(pasted[1]!.node.next).toBeUndefined();
    expect(pasted[0]!.position).toEqual({ x: 40, y: 40 });
  });

  it('points a pasted fallback at the pasted handler, or keeps a handler that was not copied', () => {
    const pasted = pasteNodes(
      {
        nodes: [
          { id: 'call', uses: 'core/x', onError: { fallback: 'apologise' } },
          { id: 'apologise', uses: 'core/x' },
          { id: 'other', uses: 'core/x', onError: { fallback: 'shared-handler' } },
        ],
        positions: {},
      },
      new Set(['call', 'apologise', 'other', 'shared-handler']),
    );
    expect(pasted[0]!.node.onError).toEqual({ fallback: 'apologise-2' });
    expect(pasted[2]!.node.onError).toEqual({ fallback: 'shared-handler' });
  });

  it('makes readable unique ids', () => {
    expect(uniqueId('http-request', new Set())).toBe('http-request');
    expect(uniqueId('http-request', new Set(['http-request', 'http-request-2']))).toBe('http-request-3');
    expect(uniqueId('Knowledge Search!', new Set())).toBe('knowledge-search');
  });
});
