import { describe, expect, it } from 'vitest';
import { listPaths } from './list-paths.ts';

describe('listPaths', () => {
  it('lists the data paths a template reads, in order, once each', () => {
    const paths = listPaths(
      "{{ len(nodes.search.hits) > 0 ? nodes.search.hits[0]['answer'] : inputs.message }} {{ inputs.message }}",
    );
    expect(paths).toEqual(['nodes.search.hits', 'nodes.search.hits[0].answer', 'inputs.message']);
  });

  it('stops a path at a computed index and lists the index too', () => {
    expect(listPaths('{{ nodes.scores[nodes.classify.intent] }}')).toEqual([
      'nodes.scores',
      'nodes.classify.intent',
    ]);
  });

  it('walks a whole with: block and takes bare expressions on request', () => {
    expect(listPaths({ a: ['{{ vars.x }}'], b: { c: 'Hi {{ item.name }} #{{ index }}' }, d: 3 })).toEqual([
      'vars.x',
      'item.name',
      'index',
    ]);
    expect(listPaths('output.branch == "yes" && run.id', { expression: true })).toEqual([
      'output.branch',
      'run.id',
    ]);
    expect(listPaths('plain text')).toEqual([]);
  });
});
