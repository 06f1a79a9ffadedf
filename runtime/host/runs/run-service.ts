/**
 * Starts runs with the engine, persists every trace event (numbered) and the final record, and
 * tells live watchers. The engine knows no database; this is the adapter.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { PluginResolver } from '../../../registry/sdk/plugin.ts';
import type { Database } from '../../db/schema.ts';
import { withTenant } from '../../db/with-tenant.ts';
import { runWorkflow } from '../../engine/run-workflow.ts';
import type { CapabilityFactory, RunHandle, RunRecord, TraceEvent } from '../../engine/types.ts';
import { NotFoundError, UserError } from '../../workflow/errors.ts';
import type { Workflow } from '../../workflow/types.ts';
import { checkWorkflowYaml } from '../workflows/check-workflow-yaml.ts';

/** Which version a run uses: a number, the latest saved (`draft`) or the published one. */
export type VersionChoice = number | 'draft' | 'published';

/** What starting a run needs. */
export interface StartRun {
  tenantId: string;
  userId: string | null;
  workflowId: string;
  version?: VersionChoice;
  input?: unknown;
  /** Unsaved YAML from the studio's test panel; recorded on the run. */
  yaml?: string;
}

/** Options for {@link RunService}. */
export interface RunServiceOptions {
  db: Kysely<Database>;
  logger: Logger;
  /** The plugins a tenant's runs may use. */
  resolverFor(tenantId: string): Promise<PluginResolver>;
  capabilitiesFor(tenantId: string, resolve: PluginResolver): CapabilityFactory;
}

/** Runs in flight in this process and the live event feed. */
export class RunService {
  readonly #options: RunServiceOptions;
  readonly #active = new Map<string, { tenantId: string; handle: RunHandle; done: Promise<RunRecord> }>();
  readonly #feed = new EventEmitter();
  constructor(options: RunServiceOptions) {
    this.#options = options;
    this.#feed.setMaxListeners(0);
  }

  /** Calls `listener` for every trace event of every run, after it is stored. Returns an unsubscribe. */
  onEvent(listener: (tenantId: string, event: TraceEvent) => void): () => void {
    this.#feed.on('event', listener);
    return () => this.#feed.off('event', listener);
  }

  /** Starts a run; `done` settles once the record and every event are stored. */
  async start(request: StartRun): Promise<{ runId: string; done: Promise<RunRecord> }> {
    const { db } = this.#options;
    const { tenantId } = request;
    const runId = randomUUID();
    const workflow = await withTenant(db, tenantId, async (trx) => {
      const wf = await trx
        .selectFrom('workflows')
        .select(['current_version', 'published_version'])
        .where('id', '=', request.workflowId)
        .executeTakeFirst();
      if (!wf) throw new NotFoundError('workflow', request.workflowId);
      const choice = request.version ?? 'draft';
      const number =
        choice === 'draft' ? wf.current_version : choice === 'published' ? wf.published_version : choice;
      if (number === null)
        throw new UserError(
          'not-published',
          `workflow '${request.workflowId}' has no published version yet; publish one or run the draft`,
          {},
          409,
        );
      const row = await trx
        .selectFrom('workflow_versions')
        .select('yaml')
        .where('workflow_id', '=', request.workflowId)
        .where('version', '=', number)
        .executeTakeFirst();
      if (!row) throw new NotFoundError('workflow version', `${request.workflowId}@${number}`);
      const parsed = checkWorkflowYaml(request.yaml ?? row.yaml, `${request.workflowId}.yaml`);
      if (parsed.id !== request.workflowId)
        throw new UserError(
          'id-mismatch',
          `the YAML says id '${parsed.id}' but the run is for '${request.workflowId}'`,
          {},
          422,
        );
      await trx
        .insertInto('runs')
        .values({
          id: runId,
          tenant_id: tenantId,
          workflow_id: request.workflowId,
          version: number,
          status: 'running',
          input: JSON.stringify(request.input ?? {}),
          started_by: request.userId,
          draft_yaml: request.yaml ?? null,
        })
        .execute();
      return parsed;
    });
    const resolve = await this.#options.resolverFor(tenantId);
    const handle = runWorkflow(workflow, request.input ?? {}, {
      runId,
      tenantId,
      resolvePlugin: resolve,
      loadWorkflow: (ref) => this.#loadWorkflow(tenantId, ref),
      capabilities: this.#options.capabilitiesFor(tenantId, resolve),
    });
    const done = this.#record(tenantId, handle).finally(() => this.#active.delete(runId));
    this.#active.set(runId, { tenantId, handle, done });
    return { runId, done };
  }

  /**
   * Stores events as they come (in batches: whatever arrived while the last insert ran), then the
   * final record. Never rejects: a storage failure is logged.
   */
  async #record(tenantId: string, handle: RunHandle): Promise<RunRecord> {
    const { db, logger } = this.#options;
    const queue: TraceEvent[] = [];
    let ended = false;
    let wake: (() => void) | undefined;
    const reading = (async () => {
      try {
        for await (const event of handle.events) {
          queue.push(event);
          wake?.();
        }
      } finally {
        ended = true;
        wake?.();
      }
    })();
    try {
      while (queue.length > 0 || !ended) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        const batch = queue.splice(0);
        await withTenant(db, tenantId, (trx) =>
          trx
            .insertInto('run_events')
            .values(
              batch.map((event) => ({
                tenant_id: tenantId,
                run_id: handle.runId,
                seq: event.seq,
                type: event.type,
                node_id: event.nodeId ?? null,
                at: new Date(event.at),
                event: JSON.stringify(event),
              })),
            )
            .execute(),
        );
        for (const event of batch) this.#feed.emit('event', tenantId, event);
      }
    } catch (error) {
      logger.error({ err: error, runId: handle.runId }, 'could not store trace events');
    }
    await reading.catch(() => {});
    const record = await handle.result;
    await withTenant(db, tenantId, (trx) =>
      trx
        .updateTable('runs')
        .set({
          status: record.status,
          output: record.output === undefined ? null : JSON.stringify(record.output),
          error: record.error ? JSON.stringify(record.error) : null,
          nodes: JSON.stringify(record.nodes),
          plugins: JSON.stringify(record.plugins),
          finished_at: new Date(record.finishedAt),
        })
        .where('id', '=', handle.runId)
        .execute(),
    ).catch((error: unknown) =>
      logger.error({ err: error, runId: handle.runId }, 'could not store a run record'),
    );
    return record;
  }

  /** A sub-workflow by id: its published version, else its latest. */
  async #loadWorkflow(tenantId: string, ref: string): Promise<Workflow> {
    const id =
      ref
        .replace(/\.ya?ml$/, '')
        .split('/')
        .pop() ?? ref;
    const yaml = await withTenant(this.#options.db, tenantId, async (trx) => {
      const row = await trx
        .selectFrom('workflows as w')
        .innerJoin('workflow_versions as v', (j) => j.onRef('v.workflow_id', '=', 'w.id'))
        .select('v.yaml')
        .where('w.id', '=', id)
        .whereRef('v.version', '=', (eb) => eb.fn.coalesce('w.published_version', 'w.current_version'))
        .executeTakeFirst();
      if (!row) throw new NotFoundError('workflow', ref);
      return row.yaml;
    });
    return checkWorkflowYaml(yaml, `${id}.yaml`);
  }

  /**
   * Cancels a run of `tenantId`. A run this process is executing stops at its next step; a run left
   * `running` by a process that died is marked cancelled at once.
   */
  async cancel(tenantId: string, runId: string, reason = 'cancelled by a user'): Promise<void> {
    const active = this.#active.get(runId);
    if (active && active.tenantId === tenantId) {
      active.handle.cancel(reason);
      await active.done;
      return;
    }
    await withTenant(this.#options.db, tenantId, async (trx) => {
      const row = await trx.selectFrom('runs').select('status').where('id', '=', runId).executeTakeFirst();
      if (!row) throw new NotFoundError('run', runId);
      if (row.status !== 'running')
        throw new UserError(
          'run-finished',
          `run ${runId} already ${row.status}; only running runs can be cancelled`,
          { status: row.status },
          409,
        );
      await trx
        .updateTable('runs')
        .set({
          status: 'cancelled',
          error: JSON.stringify({ code: 'cancelled', message: reason }),
          finished_at: new Date(),
        })
        .where('id', '=', runId)
        .execute();
    });
  }

  /** Cancels every run in flight and waits until they are stored. */
  async close(): Promise<void> {
    const runs = [...this.#active.values()];
    for (const r of runs) r.handle.cancel('the host is shutting down');
    await Promise.all(runs.map((r) => r.done));
  }
}
