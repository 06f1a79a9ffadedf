/**
 * Version history: every saved version with its message, publish a version, compare two versions
 * (or a version with the draft) as a YAML diff with the changed nodes highlighted on the canvas.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, type VersionInfo } from '../api/studio-api.ts';
import { Icon } from '../components/Icon.tsx';
import { Modal } from '../components/Modal.tsx';
import { toast } from '../components/Toasts.tsx';
import { useEditor, useEditorStore } from './editor-context.tsx';
import { changedNodeIds, yamlDiff } from './version-diff.ts';

const selectBaseVersion = (s: { baseVersion: number }) => s.baseVersion;

/** The diff of two texts, line by line. */
export function DiffView({ before, after }: { before: string; after: string }) {
  return (
    <pre className="diff" data-testid="yaml-diff">
      {yamlDiff(before, after).flatMap((block, b) =>
        block.lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a diff is static; line positions are the identity.
          <div key={`${b}-${i}`} className={`diff-${block.kind}`}>
            {block.kind === 'added' ? '+ ' : block.kind === 'removed' ? '- ' : '  '}
            {line}
          </div>
        )),
      )}
    </pre>
  );
}

/** The versions panel. `onHighlight` marks changed nodes on the canvas. */
export function VersionsPanel({
  workflowId,
  onHighlight,
}: {
  workflowId: string;
  onHighlight: (ids: Set<string> | undefined) => void;
}) {
  const store = useEditorStore();
  const baseVersion = useEditor(selectBaseVersion);
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
  const [diff, setDiff] = useState<{ title: string; before: string; after: string }>();

  const load = useCallback(() => {
    api
      .listVersions(workflowId)
      .then((list) => setVersions([...list].sort((a, b) => b.version - a.version)))
      .catch((e: Error) => toast({ kind: 'error', message: e.message }));
  }, [workflowId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a save (new baseVersion) adds a version to the list.
  useEffect(load, [load, baseVersion]);

  const textOf = async (v: number | 'draft') =>
    v === 'draft' ? store.getState().text : (await api.getVersion(workflowId, v)).yaml;

  const compare = async (a: number | 'draft', b: number | 'draft') => {
    const [before, after] = await Promise.all([textOf(a), textOf(b)]);
    setDiff({ title: `Version ${a} → ${b === 'draft' ? 'your draft' : `version ${b}`}`, before, after });
    onHighlight(changedNodeIds(before, after));
  };

  const publish = async (v: number) => {
    try {
      await api.publish(workflowId, v);
      toast({ kind: 'success', message: `Version ${v} published` });
      load();
    } catch (e) {
      toast({ kind: 'error', message: (e as Error).message });
    }
  };

  const toggle = (v: number) =>
    setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p.slice(-1), v]));

  return (
    <div className="versions" data-testid="versions-panel">
      <div className="row gap">
        <button
          type="button"
          disabled={picked.length !== 2}
          onClick={() => void compare(Math.min(...picked), Math.max(...picked))}
        >
          Compare selected
        </button>
        <button type="button" onClick={() => onHighlight(undefined)}>
          Clear highlight
        </button>
      </div>
      {versions.length === 0 && <p className="muted small">No saved version yet. Save to create one.</p>}
      <ul className="version-list">
        {versions.map((v) => (
          <li key={v.version} className={v.version === baseVersion ? 'current' : ''}>
            <input
              type="checkbox"
              checked={picked.includes(v.version)}
              onChange={() => toggle(v.version)}
              aria-label={`Pick version ${v.version}`}
            />
            <div className="version-text">
              <div>
                <strong>v{v.version}</strong>{' '}
                {v.published && <span className="status-badge status-completed">published</span>}
                {v.version === baseVersion && <span className="muted small"> (loaded)</span>}
              </div>
              <div className="small">{v.message || <span className="muted">no message</span>}</div>
              <div className="muted small">
                {v.author ? `${v.author} · ` : ''}
                {v.createdAt ? new Date(v.createdAt).toLocaleString() : ''}
              </div>
            </div>
            <div className="version-actions">
              <button
                type="button"
                className="link"
                onClick={() => void compare(v.version, 'draft')}
                title="Compare with your draft"
              >
                Diff
              </button>
              {!v.published && (
                <button type="button" className="link" onClick={() => void publish(v.version)}>
                  <Icon name="upload" size={12} /> Publish
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {diff && (
        <Modal title={diff.title} onClose={() => setDiff(undefined)} wide>
          <DiffView before={diff.before} after={diff.after} />
        </Modal>
      )}
    </div>
  );
}
