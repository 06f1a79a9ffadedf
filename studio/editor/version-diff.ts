/**
 * Comparing and merging workflow versions: a line diff of the YAML, the ids of nodes whose
 * definition changed, and a three-way merge (base = the version you loaded, theirs = the version
 * saved meanwhile, yours = your text) with git-style conflict markers.
 */
import { diffLines } from 'diff';
import { diff3Merge } from 'node-diff3';
import { parseCached } from './parse-cache.ts';

/** One block of a line diff. */
export interface DiffBlock {
  kind: 'same' | 'added' | 'removed';
  lines: string[];
}

/** Line diff of two YAML texts. */
export function yamlDiff(before: string, after: string): DiffBlock[] {
  return diffLines(before, after).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    lines: part.value.replace(/\n$/, '').split('\n'),
  }));
}

/** Ids of nodes added, removed or changed between two texts (layout moves do not count). */
export function changedNodeIds(before: string, after: string, file = 'workflow.yaml'): Set<string> {
  const a = parseCached(before, file).workflow;
  const b = parseCached(after, file).workflow;
  const changed = new Set<string>();
  if (!a || !b) return changed;
  const old = new Map(a.nodes.map((n) => [n.id, JSON.stringify(n)]));
  for (const n of b.nodes) if (old.get(n.id) !== JSON.stringify(n)) changed.add(n.id);
  for (const id of old.keys()) if (!b.nodes.some((n) => n.id === id)) changed.add(id);
  return changed;
}

/** The result of a three-way merge. `conflicts` counts the blocks left with markers. */
export interface MergeOutcome {
  text: string;
  conflicts: number;
}

/** Merges `yours` and `theirs`, both changed from `base`, line by line. */
export function mergeYaml(base: string, yours: string, theirs: string): MergeOutcome {
  const regions = diff3Merge(yours.split('\n'), base.split('\n'), theirs.split('\n'), {
    excludeFalseConflicts: true,
  });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) out.push(...region.ok);
    else if (region.conflict) {
      conflicts++;
      out.push('<<<<<<< yours', ...region.conflict.a, '=======', ...region.conflict.b, '>>>>>>> theirs');
    }
  }
  return { text: out.join('\n'), conflicts };
}

/** True while a text still holds conflict markers. */
export function hasConflictMarkers(text: string): boolean {
  return /^(<<<<<<< |=======$|>>>>>>> )/m.test(text);
}
