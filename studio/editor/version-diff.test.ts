import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, mergeYaml, yamlDiff } from './version-diff.ts';

const base = [
  'id: w',
  'name: A',
  'nodes:',
  '  - id: a',
  '    uses: core/x',
  '  - id: b',
  '    uses: core/y',
  '',
].join('\n');

describe('versions', () => {
  it('merges changes to different lines cleanly', () => {
    const yours = base.replace('name: A', 'name: Mine');
    const theirs = base.replace('uses: core/y', 'uses: core/z');
    const merged = mergeYaml(base, yours, theirs);
    expect(merged.conflicts).toBe(0);
    expect(merged.text).toContain('name: Mine');
    expect(merged.text).toContain('uses: core/z');
  });

  it('marks lines both sides changed', () => {
    const merged = mergeYaml(
      base,
      base.replace('name: A', 'name: Mine'),
      base.replace('name: A', 'name: Theirs'),
    );
    expect(merged.conflicts).toBe(1);
    expect(hasConflictMarkers(merged.text)).toBe(true);
    expect(merged.text).toMatch(/<<<<<<< yours\nname: Mine\n=======\nname: Theirs\n>>>>>>> theirs/);
  });

  it('diffs YAML line by line', () => {
    const blocks = yamlDiff(base, base.replace('name: A', 'name: B'));
    expect(blocks.filter((b) => b.kind === 'removed').flatMap((b) => b.lines)).toEqual(['name: A']);
    expect(blocks.filter((b) => b.kind === 'added').flatMap((b) => b.lines)).toEqual(['name: B']);
  });
});
