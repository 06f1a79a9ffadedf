/**
 * Copy and paste of nodes: copies carry their config and the edges between copied nodes; pasted
 * nodes get fresh ids and edges pointing outside the copied set are dropped. An `onError` fallback
 * follows its node when both were copied, and otherwise keeps pointing at the original handler.
 */
import type { Next, Workflow, WorkflowNode } from '../../runtime/workflow/types.ts';
import { uniqueId } from './new-node.ts';
import { entryTarget, retargetEntry } from './next-entries.ts';

/** What is on the clipboard: nodes with their positions. */
export interface Clip {
  nodes: WorkflowNode[];
  positions: Record<string, { x: number; y: number }>;
}

const KEY = 'flow-studio:clipboard';

/** Copies the given nodes (kept in localStorage so paste works in another editor tab). */
export function copyNodes(
  workflow: Workflow,
  ids: string[],
  positions: Record<string, { x: number; y: number }>,
): Clip {
  const set = new Set(ids);
  const clip: Clip = { nodes: workflow.nodes.filter((n) => set.has(n.id)), positions: {} };
  for (const id of ids) if (positions[id]) clip.positions[id] = positions[id]!;
  localStorage.setItem(KEY, JSON.stringify(clip));
  return clip;
}

/** The clipboard content, if any. */
export function readClip(): Clip | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Clip) : undefined;
  } catch {
    return undefined;
  }
}

function remapNext(next: Next | undefined, ids: Map<string, string>): Next | undefined {
  if (next === undefined) return undefined;
  if (typeof next === 'string') return ids.get(next);
  const kept = next.flatMap((b) => {
    const to = ids.get(entryTarget(b));
    return to === undefined ? [] : [retargetEntry(b, to)];
  });
  return kept.length ? kept : undefined;
}

/** The clip's nodes renamed so none clashes with `taken`, with internal references renamed too. */
export function pasteNodes(
  clip: Clip,
  taken: ReadonlySet<string>,
  offset = 40,
): Array<{ node: WorkflowNode; position?: { x: number; y: number } }> {
  const used = new Set(taken);
  const ids = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = uniqueId(n.id, used);
    used.add(id);
    ids.set(n.id, id);
  }
  return clip.nodes.map((n) => {
    const node: WorkflowNode = { ...n, id: ids.get(n.id)! };
    const next = remapNext(n.next, ids);
    if (next === undefined) delete node.next;
    else node.next = next;
    // A fallback copied along moves with it; one outside the copy (a shared error handler) stays.
    if (typeof n.onError === 'object' && ids.has(n.onError.fallback))
      node.onError = { fallback: ids.get(n.onError.fallback)! };
    if (n.body) node.body = ids.get(n.body);
    if (!node.body) delete node.body;
    if (n.branches) {
      const branches = n.branches.map((b) => ids.get(b)).filter((b): b is string => !!b);
      if (branches.length) node.branches = branches;
      else delete node.branches;
    }
    const p = clip.positions[n.id];
    return { node, position: p ? { x: p.x + offset, y: p.y + offset } : undefined };
  });
}
