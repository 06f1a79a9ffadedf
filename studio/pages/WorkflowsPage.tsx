/**
 * The workflows list: search, create (blank or from an example), open, rename, duplicate, and
 * delete with an undo toast (the delete is sent when the toast expires).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { applyEdits } from '../../runtime/workflow/apply-edits.ts';
import { api, type WorkflowSummary } from '../api/studio-api.ts';
import { Icon } from '../components/Icon.tsx';
import { toast } from '../components/Toasts.tsx';
import { blankWorkflow } from '../lib/examples.ts';
import { navigate } from '../lib/hash-route.ts';
import { CreateDialog, RenameDialog } from './WorkflowDialogs.tsx';

const UNDO_MS = 6000;

/** Gives a workflow YAML a new id and name (for duplicates and examples). */
function renamed(yaml: string, id: string, name: string): string {
  return applyEdits(yaml, [
    { type: 'set-field', path: ['id'], value: id },
    { type: 'set-field', path: ['name'], value: name },
  ]);
}

function slug(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'workflow';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** The workflows page. */
export function WorkflowsPage() {
  const [list, setList] = useState<WorkflowSummary[]>();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<WorkflowSummary>();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const load = useCallback(() => {
    api.listWorkflows().then(setList, (e: Error) => toast({ kind: 'error', message: e.message }));
  }, []);
  useEffect(load, [load]);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (list ?? []).filter(
      (w) =>
        !hidden.has(w.id) && (!q || `${w.name} ${w.id} ${w.description ?? ''}`.toLowerCase().includes(q)),
    );
  }, [list, search, hidden]);
  const taken = useMemo(() => new Set((list ?? []).map((w) => w.id)), [list]);

  const create = async (name: string, yaml?: string) => {
    const id = slug(name, taken);
    try {
      const created = await api.createWorkflow(
        yaml ? renamed(yaml, id, name) : blankWorkflow(name).replace(/^id: .*$/m, `id: ${id}`),
      );
      navigate(`/workflows/${created.id}`);
    } catch (e) {
      toast({ kind: 'error', message: (e as Error).message });
    }
  };

  const duplicate = async (w: WorkflowSummary) => {
    try {
      const full = await api.getWorkflow(w.id);
      const name = `${w.name} (copy)`;
      await api.createWorkflow(
        renamed(full.yaml, slug(`${w.id}-copy`, taken), name),
        `Duplicated from ${w.id}`,
      );
      toast({ kind: 'success', message: `Duplicated as “${name}”` });
      load();
    } catch (e) {
      toast({ kind: 'error', message: (e as Error).message });
    }
  };

  const rename = async (w: WorkflowSummary, name: string) => {
    try {
      const full = await api.getWorkflow(w.id);
      const yaml = applyEdits(full.yaml, [{ type: 'set-field', path: ['name'], value: name }]);
      await api.saveWorkflow(w.id, yaml, `Renamed to ${name}`, full.version);
      setRenaming(undefined);
      load();
    } catch (e) {
      toast({ kind: 'error', message: (e as Error).message });
    }
  };

  const remove = (w: WorkflowSummary) => {
    setHidden((h) => new Set([...h, w.id]));
    const timer = setTimeout(() => {
      pending.current.delete(w.id);
      api.deleteWorkflow(w.id).then(load, (e: Error) => {
        toast({ kind: 'error', message: e.message });
        setHidden((h) => new Set([...h].filter((id) => id !== w.id)));
      });
    }, UNDO_MS);
    pending.current.set(w.id, timer);
    toast(
      {
        kind: 'info',
        message: `Deleted “${w.name}”`,
        action: {
          label: 'Undo',
          run: () => {
            clearTimeout(pending.current.get(w.id));
            pending.current.delete(w.id);
            setHidden((h) => new Set([...h].filter((id) => id !== w.id)));
          },
        },
      },
      UNDO_MS,
    );
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>Workflows</h1>
        <div className="search-box">
          <Icon name="search" size={14} />
          <input
            placeholder="Search workflows"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="Search workflows"
          />
        </div>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          <Icon name="plus" size={14} /> New workflow
        </button>
      </div>
      {list === undefined ? (
        <p className="muted">Loading…</p>
      ) : shown.length === 0 ? (
        <div className="empty-state">
          <Icon name="workflow" size={36} />
          <p>
            {list.length
              ? 'No workflow matches your search.'
              : 'No workflows yet. Create one from scratch or from an example.'}
          </p>
        </div>
      ) : (
        <table className="table" data-testid="workflow-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Version</th>
              <th>Updated</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((w) => (
              <tr key={w.id} data-workflow={w.id}>
                <td>
                  <a href={`#/workflows/${encodeURIComponent(w.id)}`} className="strong">
                    {w.name}
                  </a>
                  <div className="muted small mono">{w.id}</div>
                </td>
                <td>
                  v{w.version}
                  {w.publishedVersion ? (
                    <span className="status-badge status-completed">published v{w.publishedVersion}</span>
                  ) : null}
                </td>
                <td className="muted small">{w.updatedAt ? new Date(w.updatedAt).toLocaleString() : ''}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="icon-button"
                    title="Rename"
                    aria-label={`Rename ${w.name}`}
                    onClick={() => setRenaming(w)}
                  >
                    <Icon name="edit" size={14} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    title="Duplicate"
                    aria-label={`Duplicate ${w.name}`}
                    onClick={() => void duplicate(w)}
                  >
                    <Icon name="copy" size={14} />
                  </button>
                  <button
                    type="button"
                    className="icon-button danger"
                    title="Delete"
                    aria-label={`Delete ${w.name}`}
                    onClick={() => remove(w)}
                  >
                    <Icon name="trash" size={14} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <CreateDialog onClose={() => setCreating(false)} onCreate={(name, yaml) => void create(name, yaml)} />
      )}
      {renaming && (
        <RenameDialog
          workflow={renaming}
          onClose={() => setRenaming(undefined)}
          onRename={(name) => void rename(renaming, name)}
        />
      )}
    </div>
  );
}
