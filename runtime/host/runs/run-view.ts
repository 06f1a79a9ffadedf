/** How a run looks in API answers. */
import type { Selectable } from 'kysely';
import type { RunTable } from '../../db/schema.ts';
import { arrayOf, nullableTimestamp, strictObject, timestamp, uuid } from '../http/schemas.ts';

/** A run in lists. */
export const runSummarySchema = strictObject({
  runId: uuid,
  workflowId: { type: 'string' },
  version: { type: 'integer' },
  status: { enum: ['running', 'completed', 'failed', 'cancelled'] },
  draft: { type: 'boolean' },
  startedBy: { type: ['string', 'null'] },
  startedAt: timestamp,
  finishedAt: nullableTimestamp,
  error: { type: ['object', 'null'], required: ['code', 'message'] },
});

/** A run with input, output, per-node records and every trace event in order. */
export const runDetailSchema = strictObject({
  ...(runSummarySchema.properties as object),
  input: {},
  output: {},
  nodes: { type: ['object', 'null'] },
  plugins: { type: ['object', 'null'] },
  events: arrayOf({ type: 'object', required: ['type', 'runId', 'seq', 'at', 'workflowId'] }),
});

/** The summary fields of a run row. */
export function toRunSummary(r: Selectable<RunTable>) {
  return {
    runId: r.id,
    workflowId: r.workflow_id,
    version: r.version,
    status: r.status,
    draft: r.draft_yaml !== null,
    startedBy: r.started_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error ?? null,
  };
}

/** The detail fields of a run row plus its events. */
export function toRunDetail(r: Selectable<RunTable>, events: unknown[]) {
  return {
    ...toRunSummary(r),
    input: r.input,
    output: r.output ?? null,
    nodes: r.nodes ?? null,
    plugins: r.plugins ?? null,
    events,
  };
}
