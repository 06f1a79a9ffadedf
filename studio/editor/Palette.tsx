/**
 * The node palette, drawn from installed plugin manifests: search, categories, icons and
 * descriptions. Drag an entry onto the canvas, or click it to add the node after the selection.
 */
import { useMemo, useState } from 'react';
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import { Icon } from '../components/Icon.tsx';
import { categoryColor } from './category-color.ts';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { edit } from './edits.ts';
import { newNode } from './new-node.ts';
import { selectManifests } from './selectors.ts';
import { pluginIdOf } from './workflow-graph.ts';

/** The drag-and-drop type carrying a plugin id from the palette to the canvas. */
export const PALETTE_MIME = 'application/x-flow-plugin';

/** Groups node manifests by category (control constructs first), each sorted by title. */
export function paletteGroups(
  manifests: Iterable<PluginManifest>,
  search: string,
): Array<[string, PluginManifest[]]> {
  const q = search.trim().toLowerCase();
  const groups = new Map<string, PluginManifest[]>();
  for (const m of manifests) {
    if (m.kind !== 'node') continue;
    const text = `${m.title} ${m.id} ${m.description} ${m.category ?? ''}`.toLowerCase();
    if (q && !q.split(/\s+/).every((word) => text.includes(word))) continue;
    const category = m.control ? 'Flow control' : (m.category ?? 'Other');
    groups.set(category, [...(groups.get(category) ?? []), m]);
  }
  return [...groups.entries()]
    .map(
      ([name, list]) =>
        [name, list.sort((a, b) => a.title.localeCompare(b.title))] as [string, PluginManifest[]],
    )
    .sort(([a], [b]) => (a === 'Flow control' ? -1 : b === 'Flow control' ? 1 : a.localeCompare(b)));
}

/** The palette of the editor in context. */
export function Palette() {
  const manifests = useEditor(selectManifests);
  const store = useEditorStore();
  const [search, setSearch] = useState('');
  const groups = useMemo(() => paletteGroups(manifests.values(), search), [manifests, search]);

  const add = (m: PluginManifest) => {
    const s = store.getState();
    const node = newNode(m, new Set(s.workflow.nodes.map((n) => n.id)));
    const after = s.selection.length === 1 ? s.selection[0] : undefined;
    const anchor = after ? s.workflow.layout?.[after] : undefined;
    const position = anchor ? { x: anchor.x + 300, y: anchor.y } : undefined;
    // Clicking with a node selected continues the flow from it, when it has no next step yet.
    const from = after ? s.workflow.nodes.find((n) => n.id === after) : undefined;
    const link = from && from.next === undefined && s.manifests.get(pluginIdOf(from.uses))?.control !== 'end';
    const edits = [
      edit.addNode(node, position, after),
      ...(link ? [edit.connect({ from: from.id, to: node.id })] : []),
    ];
    if (s.dispatch(edits)) s.select([node.id]);
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <div className="palette-search">
        <Icon name="search" size={14} />
        <input
          placeholder="Search nodes"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search nodes"
        />
      </div>
      <div className="palette-list">
        {groups.length === 0 && (
          <div className="muted pad">{manifests.size ? 'No node matches.' : 'Loading plugins…'}</div>
        )}
        {groups.map(([category, list]) => (
          <section key={category} className="palette-group">
            <h4>{category}</h4>
            {list.map((m) => (
              <button
                type="button"
                key={m.id}
                className="palette-item"
                draggable
                data-plugin={m.id}
                title={`${m.description}\n\nDrag onto the canvas, or click to add after the selected node.`}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, m.id);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => add(m)}
              >
                <span className="palette-icon" style={{ color: categoryColor(m.category, m.control) }}>
                  <Icon name={m.icon ?? m.control} size={16} />
                </span>
                <span className="palette-text">
                  <span className="palette-title">{m.title}</span>
                  <span className="palette-desc">{m.description}</span>
                </span>
              </button>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
