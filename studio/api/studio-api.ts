/**
 * Typed calls to the host API. Answers are normalised here (the host may wrap lists as
 * `{ items }` or name ids `runId`), so pages only see the shapes below.
 */
import type { PluginManifest } from '../../registry/sdk/plugin.ts';
import type { TraceEvent } from '../../runtime/engine/types.ts';
import { request, setCsrfToken } from './http.ts';
import { paths } from './paths.ts';

/** The signed-in user. */
export interface User {
  id: string;
  email: string;
  name?: string;
  tenantId?: string;
}

/** A workflow as listed. `version` is the latest saved version number. */
export interface WorkflowSummary {
  id: string;
  name: string;
  description?: string;
  version: number;
  publishedVersion?: number;
  updatedAt?: string;
}

/** A workflow with its YAML text at `version`. */
export interface WorkflowDetail extends WorkflowSummary {
  yaml: string;
}

/** One saved version in a workflow's history. */
export interface VersionInfo {
  version: number;
  message?: string;
  createdAt?: string;
  author?: string;
  published?: boolean;
  yaml?: string;
}

/** A run as listed. */
export interface RunSummary {
  runId: string;
  workflowId: string;
  version?: number;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  startedAt?: number | string;
  finishedAt?: number | string;
  error?: { code?: string; message: string; nodeId?: string };
}

/** A run with its input, output and trace. */
export interface RunDetail extends RunSummary {
  input?: unknown;
  output?: unknown;
  events: TraceEvent[];
}

/** Filters of the runs list. */
export interface RunFilter {
  workflowId?: string;
  status?: string;
  from?: string;
  to?: string;
}

type Loose = Record<string, unknown>;

/** Takes a list from `[...]`, `{items: [...]}` or `{<key>: [...]}`. */
function listOf<T>(json: unknown, key: string): T[] {
  if (Array.isArray(json)) return json as T[];
  const o = (json ?? {}) as Loose;
  const list = o.items ?? o[key] ?? o.data;
  return Array.isArray(list) ? (list as T[]) : [];
}

/** Unwraps `{<key>: {...}}` answers; plain objects pass through. */
function one<T>(json: unknown, key: string): T {
  const o = (json ?? {}) as Loose;
  return (o[key] && typeof o[key] === 'object' ? o[key] : o) as T;
}

function toWorkflow(raw: Loose): WorkflowDetail {
  return {
    id: String(raw.id),
    name: String(raw.name ?? raw.id),
    description: raw.description as string | undefined,
    version: Number(raw.version ?? raw.latestVersion ?? 0),
    publishedVersion: (raw.publishedVersion ?? undefined) as number | undefined,
    updatedAt: (raw.updatedAt ?? raw.updated_at) as string | undefined,
    yaml: String(raw.yaml ?? ''),
  };
}

function toRun(raw: Loose): RunDetail {
  return {
    ...(raw as unknown as RunDetail),
    runId: String(raw.runId ?? raw.id),
    workflowId: String(raw.workflowId ?? raw.workflow_id ?? ''),
    status: (raw.status ?? 'running') as RunSummary['status'],
    events: (raw.events ?? raw.trace ?? []) as TraceEvent[],
  };
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Every call the studio makes to the host. */
export const api = {
  /** Signs in; the host sets the session cookie. */
  async login(email: string, password: string): Promise<User> {
    const json = await request<Loose>('POST', paths.login, { email, password });
    setCsrfToken((json?.csrfToken ?? json?.csrf) as string | undefined);
    return one<User>(json, 'user');
  },
  async logout(): Promise<void> {
    await request('POST', paths.logout);
  },
  /** The signed-in user, or an ApiError 401. */
  async me(): Promise<User> {
    const json = await request<Loose>('GET', paths.me);
    if (json?.csrfToken ?? json?.csrf) setCsrfToken((json.csrfToken ?? json.csrf) as string);
    return one<User>(json, 'user');
  },
  async listWorkflows(): Promise<WorkflowSummary[]> {
    return listOf<Loose>(await request('GET', paths.workflows), 'workflows').map(toWorkflow);
  },
  async createWorkflow(yaml: string, message = 'Created'): Promise<WorkflowDetail> {
    return toWorkflow(one<Loose>(await request('POST', paths.workflows, { yaml, message }), 'workflow'));
  },
  async getWorkflow(id: string): Promise<WorkflowDetail> {
    return toWorkflow(one<Loose>(await request('GET', paths.workflow(id)), 'workflow'));
  },
  /** Saves a new version; throws ApiError 409 with `{current: {version, yaml}}` when someone saved first. */
  async saveWorkflow(
    id: string,
    yaml: string,
    message: string,
    baseVersion: number,
  ): Promise<WorkflowDetail> {
    return toWorkflow(
      one<Loose>(await request('PUT', paths.workflow(id), { yaml, message, baseVersion }), 'workflow'),
    );
  },
  async deleteWorkflow(id: string): Promise<void> {
    await request('DELETE', paths.workflow(id));
  },
  async listVersions(id: string): Promise<VersionInfo[]> {
    return listOf<VersionInfo>(await request('GET', paths.versions(id)), 'versions');
  },
  async getVersion(id: string, version: number): Promise<VersionInfo & { yaml: string }> {
    return one<VersionInfo & { yaml: string }>(await request('GET', paths.version(id, version)), 'version');
  },
  async publish(id: string, version: number): Promise<void> {
    await request('POST', paths.publish(id, version));
  },
  /** Starts a run; `yaml` lets the test panel run the unsaved draft. */
  async startRun(body: {
    workflowId: string;
    version?: number;
    input: unknown;
    yaml?: string;
  }): Promise<string> {
    const json = await request<Loose>('POST', paths.runs, body);
    return String(json.runId ?? json.id ?? (json.run as Loose | undefined)?.id);
  },
  async listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
    return listOf<Loose>(await request('GET', paths.runs + query({ ...filter })), 'runs').map(toRun);
  },
  async getRun(id: string): Promise<RunDetail> {
    return toRun(one<Loose>(await request('GET', paths.run(id)), 'run'));
  },
  async cancelRun(id: string): Promise<void> {
    await request('POST', paths.cancelRun(id));
  },
  async listPlugins(): Promise<PluginManifest[]> {
    const list = listOf<Loose>(await request('GET', paths.plugins), 'plugins');
    return list.map(
      (p) => (p.manifest && typeof p.manifest === 'object' ? p.manifest : p) as unknown as PluginManifest,
    );
  },
};
