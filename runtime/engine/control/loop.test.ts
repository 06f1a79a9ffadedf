import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../workflow/types.ts';
import { runTest, testPlugin, traceLines } from '../test-kit.ts';

describe('core/loop', () => {
  it('runs the body once per item with item and index, and returns the last body output per round', async () => {
    const workflow: Workflow = {
      id: 'each',
      nodes: [
        {
          id: 'loop',
          uses: 'core/loop',
          with: { forEach: '{{ inputs.words }}' },
          body: 'shout',
          next: 'after',
        },
        { id: 'shout', uses: 'test/echo', with: { word: '{{ upper(item) }}' }, next: 'tag' },
        { id: 'tag', uses: 'test/echo', with: { text: '{{ index }}:{{ nodes.shout.word }}' } },
        { id: 'after', uses: 'test/echo', with: { result: '{{ nodes.loop }}' } },
      ],
    };
    const record = await runTest(workflow, { words: ['a', 'b', 'c'] });
    expect(record.output).toEqual({
      result: { items: [{ text: '0:A' }, { text: '1:B' }, { text: '2:C' }], count: 3 },
    });
    expect(record.nodes.tag).toMatchObject({ executions: 3, output: { text: '2:C' } });
    expect(traceLines(record, ['node.completed'])).toEqual([
      'node.completed shout @loop[0]',
      'node.completed tag @loop[0]',
      'node.completed shout @loop[1]',
      'node.completed tag @loop[1]',
      'node.completed shout @loop[2]',
      'node.completed tag @loop[2]',
      'node.completed loop',
      'node.completed after',
    ]);
  });

  it('gives nested loops their own item and a nested scope', async () => {
    const workflow: Workflow = {
      id: 'nested',
      nodes: [
        { id: 'rows', uses: 'core/loop', with: { forEach: '{{ [[1, 2], [3]] }}' }, body: 'cols' },
        { id: 'cols', uses: 'core/loop', with: { forEach: '{{ item }}' }, body: 'cell' },
        { id: 'cell', uses: 'test/echo', with: { v: '{{ item * 10 }}' } },
      ],
    };
    const record = await runTest(workflow);
    expect(record.output).toEqual({
      items: [
        { items: [{ v: 10 }, { v: 20 }], count: 2 },
        { items: [{ v: 30 }], count: 1 },
      ],
      count: 2,
    });
    expect(
      record.events.filter((e) => e.nodeId === 'cell' && e.type === 'node.completed').map((e) => e.scope),
    ).toEqual(['rows[0]/cols[0]', 'rows[0]/cols[1]', 'rows[1]/cols[0]']);
  });

  it('repeats while the condition holds, checked before each round', async () => {
    let polls = 0;
    const poll = testPlugin('poll', () => ({ status: ++polls >= 3 ? 'done' : 'pending' }));
    const workflow: Workflow = {
      id: 'while',
      nodes: [
        {
          id: 'wait',
          uses: 'core/loop',
          with: { while: "{{ nodes.check.status != 'done' }}", max: 5 },
          body: 'check',
        },
        { id: 'check', uses: 'test/poll' },
      ],
    };
    const record = await runTest(workflow, {}, { plugins: [poll] });
    expect(record.output).toEqual({
      items: [{ status: 'pending' }, { status: 'pending' }, { status: 'done' }],
      count: 3,
    });
  });

  it('fails when the while condition still holds after max rounds', async () => {
    const workflow: Workflow = {
      id: 'forever',
      nodes: [
        { id: 'spin', uses: 'core/loop', with: { while: '{{ true }}', max: 4 }, body: 'tick' },
        { id: 'tick', uses: 'test/echo', with: { i: '{{ index }}' } },
      ],
    };
    const record = await runTest(workflow);
    expect(record.error).toEqual({
      code: 'loop-limit',
      message: "loop 'spin': the while condition still held after max 4 rounds",
      nodeId: 'spin',
    });
    expect(record.nodes.tick?.executions).toBe(4);
  });

  it('requires max with while, and a list for forEach', async () => {
    const noMax = await runTest({
      id: 'w',
      nodes: [
        { id: 'l', uses: 'core/loop', with: { while: '{{ true }}' }, body: 'b' },
        { id: 'b', uses: 'test/echo' },
      ],
    });
    expect(noMax.error?.message).toBe(
      "loop 'l': with.max is required with with.while, so the loop cannot run forever",
    );
    const notList = await runTest({
      id: 'w',
      nodes: [
        { id: 'l', uses: 'core/loop', with: { forEach: '{{ inputs }}' }, body: 'b' },
        { id: 'b', uses: 'test/echo' },
      ],
    });
    expect(notList.error?.message).toBe(
      "loop 'l': with.forEach must be a list (or use with.while), got object",
    );
    const noBody = await runTest({ id: 'w', nodes: [{ id: 'l', uses: 'core/loop', with: { forEach: [] } }] });
    expect(noBody.error?.message).toBe("loop 'l' needs body: the id of the first node to repeat");
  });

  it('caps forEach at 1000 items unless max says otherwise', async () => {
    const loop = (max?: number): Workflow => ({
      id: 'cap',
      nodes: [
        {
          id: 'l',
          uses: 'core/loop',
          with: { forEach: '{{ inputs.list }}', ...(max ? { max } : {}) },
          body: 'b',
        },
        { id: 'b', uses: 'test/echo', with: { i: '{{ index }}' } },
      ],
    });
    const list = Array.from({ length: 1001 }, (_, i) => i);
    expect((await runTest(loop(), { list })).error?.message).toBe(
      "loop 'l' has 1001 items, more than max 1000 (raise with.max to allow it)",
    );
    const allowed = await runTest(loop(2000), { list });
    expect((allowed.output as { count: number }).count).toBe(1001);
    expect((await runTest(loop(2), { list: [1, 2, 3] })).error?.code).toBe('loop-limit');
  });

  it('stops the whole run when the body reaches core/end', async () => {
    const workflow: Workflow = {
      id: 'early',
      nodes: [
        { id: 'l', uses: 'core/loop', with: { forEach: [1, 2, 3] }, body: 'check', next: 'after' },
        {
          id: 'check',
          uses: 'test/echo',
          with: { v: '{{ item }}' },
          next: [{ when: '{{ item == 2 }}', to: 'stop' }],
        },
        { id: 'stop', uses: 'core/end', with: { output: { found: '{{ item }}' } } },
        { id: 'after', uses: 'test/fail' },
      ],
    };
    const record = await runTest(workflow);
    expect(record.status).toBe('completed');
    expect(record.output).toEqual({ found: 2 });
    expect(record.nodes.check?.executions).toBe(2);
  });
});
